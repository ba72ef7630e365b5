// Keeps the day's schedule current: the server sends a "schedule" event over Server-Sent Events whenever a visit of
// the practice changes (booked, moved, cancelled by a patient's link or text, checked in), and the day is fetched
// again. The fetch is marked live, so that a screen left open does not keep its session from timing out.
(function () {
  if (!document.getElementById('day') || !window.EventSource) {
    return;
  }
  let pending = null;
  function refresh() {
    const current = document.getElementById('day');
    fetch(current.dataset.refresh, { credentials: 'same-origin', redirect: 'manual',
                                     headers: { 'X-CareRelay-Live': '1' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        const fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById('day');
        if (fresh) {
          current.replaceWith(fresh);
        }
      });
  }
  const events = new EventSource('/console/schedule/events');
  events.addEventListener('schedule', function () {
    clearTimeout(pending);
    pending = setTimeout(refresh, 300);
  });
})();
