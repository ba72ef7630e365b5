// Warns two minutes before the idle timeout and offers to stay signed in; after the timeout, goes to the
// sign-in page, which says the session ended. Any page load or "Stay signed in" restarts the count.
(function () {
  const warning = document.getElementById('session-warning');
  if (!warning) {
    return;
  }
  const timeoutMs = Number(warning.dataset.timeout) * 1000;
  const warningMs = Number(warning.dataset.warning) * 1000;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  let warnTimer;
  let endTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warning.classList.add('d-none');
    warnTimer = setTimeout(function () { warning.classList.remove('d-none'); }, timeoutMs - warningMs);
    endTimer = setTimeout(function () { window.location.assign(warning.dataset.expired); }, timeoutMs);
  }

  document.getElementById('stay-signed-in').addEventListener('click', function () {
    fetch(warning.dataset.keepalive, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual', // a redirect means the session already ended
      headers: { [csrfHeader]: csrfToken }
    }).then(function (response) {
      if (response.ok) {
        schedule();
      } else {
        window.location.assign(warning.dataset.expired);
      }
    });
  });
  schedule();
})();
