// Oneira: the upload form's "Endless zoom" knobs (loaded before app.js, which calls it). The form
// works without it: the animation fields are then plain inputs.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  // ---- endless zoom: shown for animation presets; length, direction and speed set frames and zoom;
  //      the time estimate follows every change (the formula of ZoomEstimate.java) ----
  window.oneiraZoomForm = function (form) {
    var box = $('animation');
    var none = { photo: function () {} };
    if (!box) { return none; }
    var names = (box.getAttribute('data-presets') || '').split(' ');
    var speeds = JSON.parse(box.getAttribute('data-speeds') || '[1.04]');
    var est = JSON.parse(box.getAttribute('data-estimate') || '{}');
    var sticky = box.hasAttribute('data-open'); // "dream again" of an animation: shown until another style is chosen
    var fields = Array.prototype.filter.call(box.querySelectorAll('input[name]'), function (i) { return i.form === form; });
    var frames = $('f-frames'), fps = $('f-fps'), zoom = $('f-zoom'), perFrame = $('f-stepsPerFrame');
    var seconds = $('zoom-seconds'), speed = $('zoom-speed'), zoomIn = $('zoom-in'), zoomOut = $('zoom-out');
    var photo = null;
    $('zoom-knobs').hidden = false;

    function num(input) {
      var v = parseFloat(input.value);
      return isNaN(v) ? parseFloat(input.placeholder) : v;
    }
    function typed(id, fallback) {
      var el = $(id);
      var v = el ? parseFloat(el.value) : NaN;
      return isNaN(v) ? fallback : v;
    }
    function chosen() {
      var c = form.querySelector('input[name=preset]:checked');
      return c ? c.value : '';
    }
    function round(v, digits) { var f = Math.pow(10, digits); return Math.round(v * f) / f; }
    function words(s) {
      if (s < 60) { return 'about ' + Math.max(5, Math.round(s / 5) * 5) + ' s'; }
      var m = Math.round(s / 60);
      return m < 60 ? 'about ' + m + ' min' : 'about ' + Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
    }

    function show() {
      var on = names.indexOf(chosen()) >= 0 || sticky;
      box.hidden = !on;
      // hidden knobs send nothing: a still stays a still
      fields.forEach(function (i) { i.disabled = !on; });
      // a video is never masked (DreamSpec refuses it): the mask inputs step aside while one is chosen
      ['mask-painter', 'mask-upload', 'reuse-mask'].forEach(function (id) {
        var el = $(id);
        if (el) { if (on) { el.setAttribute('data-off', ''); } else { el.removeAttribute('data-off'); } }
      });
      ['f-mask', 'f-maskFrom'].forEach(function (id) { var el = $(id); if (el) { el.disabled = on; } });
    }

    function knobsFromFields() {
      var f = num(frames), r = num(fps), z = num(zoom);
      seconds.max = String(Math.max(1, Math.floor(600 / r)));
      seconds.value = String(Math.max(1, Math.round(f / r)));
      $('zoom-length').textContent = round(f / r, 1) + ' s (' + f + ' frames at ' + r + ' fps)';
      (z < 1 ? zoomOut : zoomIn).checked = true;
      var factor = z < 1 ? 1 / z : z, best = 0;
      speeds.forEach(function (v, i) { if (Math.abs(v - factor) < Math.abs(speeds[best] - factor)) { best = i; } });
      speed.value = String(best + 1);
      $('zoom-speed-value').textContent = speed.value;
    }

    function estimate() {
      var p = est.presets && (est.presets[chosen()] || est.presets[names[0]]);
      if (!p) { return; }
      var maxSide = typed('f-maxSide', p.maxSide);
      var from = typed('f-octaveFrom', p.octaveFrom), to = typed('f-octaveTo', p.octaveTo);
      var scale = typed('f-octaveScale', p.octaveScale);
      var perOctave = num($('f-stepsPerOctave'));
      var w = maxSide, h = maxSide;
      if (photo) {
        var s = Math.min(1, maxSide / Math.max(photo.w, photo.h));
        w = Math.max(1, Math.round(photo.w * s));
        h = Math.max(1, Math.round(photo.h * s));
      }
      var px = w * h, work = 0;
      for (var n = from; n <= to; n++) { work += px * Math.pow(scale, 2 * n) * perOctave; }
      work += px * num(perFrame) * (num(frames) - 1);
      var text = words(work / 1e6 * est.secondsPerMegapixelStep) + (photo ? ' for your photo at ' + w + ' x ' + h + ' px'
        : ' for a square photo at ' + w + ' px');
      $('zoom-estimate').textContent = text;
    }

    seconds.addEventListener('input', function () {
      var f = Math.round(parseInt(seconds.value, 10) * num(fps));
      frames.value = String(Math.min(600, Math.max(2, f)));
      knobsFromFields();
      estimate();
    });
    function setZoom() {
      var factor = speeds[parseInt(speed.value, 10) - 1];
      zoom.value = String(zoomOut.checked ? round(1 / factor, 4) : factor);
      $('zoom-speed-value').textContent = speed.value;
      estimate();
    }
    [speed, zoomIn, zoomOut].forEach(function (k) { k.addEventListener('input', setZoom); k.addEventListener('change', setZoom); });
    [frames, fps, zoom].forEach(function (k) { k.addEventListener('input', knobsFromFields); });
    Array.prototype.forEach.call(form.querySelectorAll('input[name=preset]'), function (r) {
      r.addEventListener('change', function () { sticky = false; show(); estimate(); });
    });
    form.addEventListener('input', estimate);
    show();
    knobsFromFields();
    estimate();
    return { photo: function (w, h) { photo = w && h ? { w: w, h: h } : null; estimate(); } };
  };
})();
