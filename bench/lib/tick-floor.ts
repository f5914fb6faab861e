/**
 * The browser's floor for the board's per-second tick: the smallest page that does the same job. `rows`
 * callsigns with a timer each, in a grid filling the screen, and one script that rewrites every timer's
 * text node once a second, just after the whole second (as the board does). Each timer is a box of fixed
 * size that contains its own layout and paint, the cheapest way to change text that Chromium offers.
 * Measured in the same run as the board, it says what this machine's Chromium needs for that much text
 * changing each second, whatever the page around it.
 */
export function tickFloorHtml(rows: number): string {
  const cells = Array.from(
    { length: rows },
    (_, i) => `<li><b>A${String(100 + i)}</b><span class="timer">00:00</span></li>`,
  ).join('');
  return `<!doctype html>
<style>
  body { margin: 0; font: 700 40px/1.1 sans-serif; }
  ol { margin: 0; padding: 8px; list-style: none; display: grid; gap: 8px;
       grid-template-columns: repeat(4, 1fr); grid-auto-rows: 92px; }
  li { display: flex; justify-content: space-between; align-items: center; padding: 0 16px;
       border: 2px solid #ccc; contain: layout style; }
  .timer { display: block; contain: strict; width: 5ch; height: 1.1em; text-align: right;
           font-variant-numeric: tabular-nums; }
</style>
<ol>${cells}</ol>
<script>
  const timers = [...document.querySelectorAll('.timer')].map((element, i) => ({
    text: element.firstChild,
    since: Date.now() - (2 + i) * 61000,
  }));
  const pad = (n) => String(n).padStart(2, '0');
  function tick() {
    const now = Date.now();
    for (const timer of timers) {
      const s = Math.floor((now - timer.since) / 1000);
      timer.text.data = pad(Math.floor(s / 60)) + ':' + pad(s % 60);
    }
    setTimeout(tick, 1000 - (now % 1000) + 5);
  }
  tick();
</script>`;
}
