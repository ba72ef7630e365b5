// Forms marked cr-confirm ask before they post (cancelling a visit): the question is the form's data-confirm.
document.querySelectorAll('form.cr-confirm').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
});
