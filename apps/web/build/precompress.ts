import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the browser fetches; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt)$/;
/** Below this a compressed copy saves less than the bytes of its headers. */
const MIN_BYTES = 1024;

export interface CompressedCopy {
  file: string;
  bytes: number;
  br?: number;
  gz?: number;
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the build, once, at build
 * time: the server sends whichever the browser accepts (@fastify/static `preCompressed`) without
 * compressing anything per request. A wall display on a hospital network then loads its code in a
 * third of the bytes. A copy that would not be smaller is not written.
 */
export function precompress(): Plugin {
  return {
    name: 'handover:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      // Vite has resolved the output directory by now, however the config or the command line gave it.
      if (options.dir === undefined) throw new Error('precompress: the build has no output directory');
      const files = Object.values(bundle).map((output) => ({
        fileName: output.fileName,
        content: output.type === 'chunk' ? output.code : output.source,
      }));
      await compressFiles(options.dir, files);
    },
  };
}

export async function compressFiles(
  dir: string,
  files: readonly { fileName: string; content: string | Uint8Array }[],
): Promise<CompressedCopy[]> {
  const eligible = files
    .filter(({ fileName }) => COMPRESSIBLE.test(fileName))
    .map(({ fileName, content }) => ({ fileName, source: toBuffer(content) }))
    .filter(({ source }) => source.length >= MIN_BYTES);
  return Promise.all(
    eligible.map(async ({ fileName, source }) => {
      const [br, gz] = await Promise.all([
        brotli(source, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        }),
        gzipped(source, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      const copy: CompressedCopy = { file: fileName, bytes: source.length };
      if (br.length < source.length) {
        await writeFile(join(dir, `${fileName}.br`), br);
        copy.br = br.length;
      }
      if (gz.length < source.length) {
        await writeFile(join(dir, `${fileName}.gz`), gz);
        copy.gz = gz.length;
      }
      return copy;
    }),
  );
}

function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}
