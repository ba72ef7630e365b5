// Shows a new in-app message as soon as it arrives: the server sends a "message" event over Server-Sent Events
// and the page fetches the messages card again. EventSource reconnects by itself when the stream ends.
(function () {
  if (!document.getElementById('messages') || !window.EventSource) {
    return;
  }
  const events = new EventSource('/portal/events');
  events.addEventListener('message', function () {
    fetch('/portal/messages', { credentials: 'same-origin', redirect: 'manual',
                                headers: { 'X-CareRelay-Live': '1' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) {
          const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('messages');
          if (fresh) {
            document.getElementById('messages').replaceWith(fresh);
          }
        }
      });
  });
})();
