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
