// The console's own small script: only enhancements; every form works without it.
(() => {
  // Copy buttons: <button data-copy="#id"> copies the text of the element with that id.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
    if (button === null) return;
    const source = document.querySelector(button.getAttribute('data-copy'));
    if (source === null || navigator.clipboard === undefined) return;
    void navigator.clipboard.writeText(source.textContent.trim()).then(() => {
      const status = document.getElementById(`${button.id}-status`);
      if (status !== null) status.textContent = 'Kopiert.';
    });
  });
})();

// Press office: buttons that insert a live fact at the cursor, and a date-time
// field's value in words ("Sperrfrist bis Mi., 3. März 2027, 14:00 Uhr").
(() => {
  for (const button of document.querySelectorAll('button[data-insert]')) button.hidden = false;

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-insert]') : null;
    if (button === null) return;
    const field = document.getElementById(button.getAttribute('aria-controls') ?? '');
    if (!(field instanceof HTMLTextAreaElement)) return;
    const text = button.getAttribute('data-insert') ?? '';
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
    field.focus();
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });

  const inWords = (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    if (match === null) return '';
    const [, year, month, day, hour, minute] = match.map(Number);
    // The wall time itself, in words: formatted as UTC so no zone shifts it.
    const wall = new Date(Date.UTC(year, month - 1, day, hour, minute));
    const date = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(wall);
    const time = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'UTC',
      hour: '2-digit',
      minute: '2-digit',
    }).format(wall);
    return `${date}, ${time} Uhr (Berliner Zeit)`;
  };

  const describe = (input) => {
    const target = document.getElementById(input.getAttribute('data-embargo-words') ?? '');
    if (target === null) return;
    const words = inWords(input.value);
    target.textContent =
      words === ''
        ? ''
        : `${input.name === 'sperrfrist' ? 'Sperrfrist bis' : 'Erscheint am'} ${words}`;
  };
  document.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.hasAttribute('data-embargo-words'))
      describe(event.target);
  });
  for (const input of document.querySelectorAll('input[data-embargo-words]')) describe(input);
})();
