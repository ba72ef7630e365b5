// Keeps the inbox list current: the server sends an "inbox" event over Server-Sent Events whenever a conversation
// of the practice changes, and the list is fetched again. The fetch is marked live, so that a screen left open
// does not keep its session from timing out. EventSource reconnects by itself when the stream ends.
(function () {
  const list = document.getElementById('inbox-list');
  if (!list || !window.EventSource) {
    return;
  }
  let pending = null;
  function refresh() {
    const current = document.getElementById('inbox-list');
    fetch(current.dataset.refresh, { credentials: 'same-origin', redirect: 'manual',
                                     headers: { 'X-CareRelay-Live': '1' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        const fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById('inbox-list');
        if (fresh) {
          current.replaceWith(fresh);
        }
      });
  }
  const events = new EventSource('/console/inbox/events');
  events.addEventListener('inbox', function () {
    // A burst of changes (a bulk reply, a busy morning) reloads the list once.
    clearTimeout(pending);
    pending = setTimeout(refresh, 300);
  });
})();
