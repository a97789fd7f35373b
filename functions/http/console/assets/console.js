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
