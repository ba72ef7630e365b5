// Tells the server the reader's time zone (the browser's), so the console shows times on the reader's own clock
// and names it. A cookie, not a parameter: it reaches every page, including the first one after signing in.
(function () {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !document.cookie.split('; ').includes('carerelay_zone=' + encodeURIComponent(zone))) {
      document.cookie = 'carerelay_zone=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax'
        + (location.protocol === 'https:' ? '; Secure' : '');
    }
  } catch (e) {
    // An old browser without Intl time zones: the server falls back to the practice's zone, and names it.
  }
}());
