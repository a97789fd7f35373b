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
// Area: the agenda editor. Dragging an item posts the new order with the
// page's own form; the buttons "nach oben" and "nach unten" stay the primary way.
(() => {
  const list = document.querySelector('[data-agenda-session]');
  const form = document.getElementById('agenda-order');
  const fields = document.getElementById('agenda-order-fields');
  if (list === null || form === null || fields === null) return;
  let dragged = null;
  const items = () => Array.from(list.querySelectorAll(':scope > li[data-item-id]'));
  const clear = () => {
    for (const item of items()) item.classList.remove('drop-target');
  };
  list.addEventListener('dragstart', (event) => {
    const item = event.target instanceof Element ? event.target.closest('li[data-item-id]') : null;
    if (item === null) return;
    dragged = item;
    item.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', item.getAttribute('data-item-id'));
  });
  list.addEventListener('dragover', (event) => {
    const item = event.target instanceof Element ? event.target.closest('li[data-item-id]') : null;
    if (dragged === null || item === null) return;
    event.preventDefault();
    clear();
    if (item !== dragged) item.classList.add('drop-target');
  });
  list.addEventListener('dragend', () => {
    if (dragged !== null) dragged.classList.remove('dragging');
    dragged = null;
    clear();
  });
  list.addEventListener('drop', (event) => {
    const item = event.target instanceof Element ? event.target.closest('li[data-item-id]') : null;
    if (dragged === null || item === null || item === dragged) return;
    event.preventDefault();
    const later = items().indexOf(dragged) < items().indexOf(item);
    list.insertBefore(dragged, later ? item.nextSibling : item);
    fields.textContent = '';
    for (const entry of items()) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'order';
      input.value = entry.getAttribute('data-item-id');
      fields.appendChild(input);
    }
    form.submit();
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
