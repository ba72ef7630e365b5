// Forms marked cr-confirm ask before they post (cancelling a visit, lowering a conversation's safety flags): the
// question is that of the choice checked in the form, if it has one, else the form's own data-confirm; a form with
// neither posts without asking.
document.querySelectorAll('form.cr-confirm').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    var chosen = form.querySelector('input:checked[data-confirm]');
    var question = chosen ? chosen.dataset.confirm : form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
});
