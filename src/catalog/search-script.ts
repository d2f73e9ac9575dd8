/**
 * The index's filter, inlined in the page (a page opened from file:// may not load scripts from elsewhere): every
 * word typed must occur in a row's text. Without scripts the box stays hidden and the whole table shows.
 */
export const SEARCH_SCRIPT = `(() => {
  const box = document.getElementById('search');
  const input = document.getElementById('filter');
  const status = document.getElementById('filter-status');
  const none = document.getElementById('no-match');
  const rows = Array.from(document.querySelectorAll('#contracts tbody tr'));
  const filter = () => {
    const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const match = words.every((word) => row.dataset.search.includes(word));
      row.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = words.length === 0 ? '' : shown + ' of ' + rows.length + ' contracts';
    none.hidden = shown > 0;
  };
  box.hidden = false;
  input.addEventListener('input', filter);
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement !== input) {
      event.preventDefault();
      input.focus();
    }
  });
  filter();
})();
`;
