// The template editor's live preview: a moment after typing stops, the form goes to the preview endpoints — the
// text parts come back as HTML for the preview column, the e-mail in its layout into the preview frame.
(function () {
  const form = document.getElementById('template-form');
  if (!form) {
    return;
  }
  let timer;

  function refresh() {
    fetch(form.dataset.preview, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) {
          const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('preview-parts');
          if (fresh) {
            document.getElementById('preview-parts').replaceWith(fresh);
          }
        }
      });
    const saveAction = form.action;
    form.action = form.dataset.previewHtml;
    form.target = 'email-preview';
    form.submit();
    form.action = saveAction;
    form.removeAttribute('target');
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  refresh();
})();
