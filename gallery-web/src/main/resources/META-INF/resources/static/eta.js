// Oneira: a queued or dreaming dream's estimate in words (issue 15), recounted every second from the ISO
// times on #eta and taken afresh from each event of the dream's stream (app.js passes them on as the
// 'oneira:dream' event). The words are EtaWords.java's; rounding as ZoomEstimate.words.
(function () {
  'use strict';
  var eta = document.getElementById('eta');
  if (!eta) { return; }

  function words(s) {
    if (s < 60) { return 'about ' + Math.max(5, Math.round(s / 5) * 5) + ' s'; }
    var m = Math.round(s / 60);
    return m < 60 ? 'about ' + m + ' min' : 'about ' + Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }
  function inWords(iso) {
    var s = Math.round((Date.parse(iso) - Date.now()) / 1000);
    return s <= 5 ? 'any moment now' : 'in ' + words(s);
  }
  function render() {
    var start = eta.getAttribute('data-start');
    var end = eta.getAttribute('data-end');
    if (!end) { eta.hidden = true; return; }
    eta.textContent = eta.getAttribute('data-status') === 'QUEUED' && start
      ? 'Starts ' + inWords(start) + ', done ' + inWords(end) + '.'
      : 'Done ' + inWords(end) + '.';
    eta.hidden = false;
  }
  document.addEventListener('oneira:dream', function (e) {
    var d = e.detail;
    eta.setAttribute('data-status', d.status);
    eta.setAttribute('data-start', d.estimatedStartAt || '');
    eta.setAttribute('data-end', d.estimatedCompletionAt || '');
    render();
  });
  window.setInterval(render, 1000);
})();
