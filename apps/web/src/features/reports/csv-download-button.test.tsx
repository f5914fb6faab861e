import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CsvDownloadButton } from './csv-download-button';

/** jsdom's Blob has no text(): read it as the browser's FileReader would. */
function readBlob(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (blob === undefined) return reject(new Error('no blob'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('CsvDownloadButton', () => {
  it('downloads on click and says which file was saved', async () => {
    const fetchImpl = vi.fn(
      async () =>
        new Response('a,b\r\n1,2\r\n', {
          headers: { 'content-disposition': 'attachment; filename="handover-report-1600-2026-01-12-v1.csv"' },
        }),
    );
    const save = vi.fn<(blob: Blob, fileName: string) => void>();
    render(
      <CsvDownloadButton
        token="hvt_x"
        path="/api/v1/reports/1600/2026-01-12.csv?version=1"
        fallbackName="x.csv"
        accessibleName="Download CSV: 16:00 report 12 January 2026, version 1"
        fetchImpl={fetchImpl}
        save={save}
      />,
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Download CSV: 16:00 report 12 January 2026, version 1' }),
    );
    expect(await screen.findByText('Saved handover-report-1600-2026-01-12-v1.csv')).toBeTruthy();
    expect(await readBlob(save.mock.calls[0]?.[0])).toBe('a,b\r\n1,2\r\n');
  });

  it('says why a download failed', async () => {
    render(
      <CsvDownloadButton
        token="hvt_x"
        path="/x.csv"
        fallbackName="x.csv"
        fetchImpl={async () =>
          new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Not your area.' } }), {
            status: 403,
          })
        }
        save={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('Download failed: Not your area.')).toBeTruthy();
    // The message is in the live region, so a screen reader hears it.
    expect(screen.getByRole('status').textContent).toBe('Download failed: Not your area.');
  });
});
