import { useState } from 'react';
import type { Fetch } from '../../shared/api-client/api-client';
import { downloadCsv, type SaveBlob } from './report-api';

/**
 * "Download CSV": fetches the file with the bearer credential and saves it (a plain link cannot carry
 * the credential). Says what happened in a polite live region.
 */
export function CsvDownloadButton({
  token,
  path,
  fallbackName,
  label = 'Download CSV',
  accessibleName,
  fetchImpl,
  save,
}: {
  token: string;
  path: string;
  fallbackName: string;
  label?: string;
  /** A longer name when the button sits in a list of reports. */
  accessibleName?: string;
  fetchImpl?: Fetch;
  save?: SaveBlob;
}) {
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'done'; fileName: string }
    | { status: 'failed'; message: string }
  >({ status: 'idle' });
  const download = async () => {
    setState({ status: 'busy' });
    const outcome = await downloadCsv({
      token,
      path,
      fallbackName,
      ...(fetchImpl === undefined ? {} : { fetchImpl }),
      ...(save === undefined ? {} : { save }),
    });
    setState(
      outcome.ok
        ? { status: 'done', fileName: outcome.fileName }
        : { status: 'failed', message: outcome.message },
    );
  };
  return (
    <span className="csv-download">
      <button
        type="button"
        className="button button--secondary report-button"
        onClick={() => void download()}
        disabled={state.status === 'busy'}
        aria-label={accessibleName}
        data-testid="download-csv"
      >
        {state.status === 'busy' ? 'Downloading…' : label}
      </button>
      <span className="csv-download__status" role="status">
        {state.status === 'done' && `Saved ${state.fileName}`}
        {state.status === 'failed' && (
          <span className="csv-download__error">Download failed: {state.message}</span>
        )}
      </span>
    </span>
  );
}
