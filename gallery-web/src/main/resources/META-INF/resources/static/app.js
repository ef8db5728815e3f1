// Oneira: small progressive enhancements. Every page works without this script.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  // ---- upload form: preview, drag and drop, submit with fetch and show problems inline ----
  var form = $('upload-form');
  if (form) {
    var input = $('image');
    var drop = $('drop');
    var preview = $('preview');
    var errorBox = $('upload-error');
    var submit = $('submit');
    var previewUrl = null;

    function showError(title, detail, errors) {
      errorBox.textContent = '';
      var strong = document.createElement('strong');
      strong.textContent = title;
      errorBox.appendChild(strong);
      if (detail) { errorBox.appendChild(document.createTextNode(' ' + detail)); }
      if (errors && errors.length > 1) {
        var ul = document.createElement('ul');
        errors.forEach(function (e) { var li = document.createElement('li'); li.textContent = e.message; ul.appendChild(li); });
        errorBox.appendChild(ul);
      }
      errorBox.hidden = false;
      errorBox.scrollIntoView({ block: 'center' });
    }

    function showPreview() {
      errorBox.hidden = true;
      var file = input.files && input.files[0];
      if (previewUrl) { URL.revokeObjectURL(previewUrl); previewUrl = null; }
      if (!file) { preview.hidden = true; return; }
      $('drop-text').firstChild.textContent = file.name + ' ';
      if (/^image\//.test(file.type)) {
        previewUrl = URL.createObjectURL(file);
        preview.src = previewUrl;
        preview.hidden = false;
      } else {
        preview.hidden = true;
      }
    }

    input.addEventListener('change', showPreview);
    preview.addEventListener('error', function () { preview.hidden = true; });
    ['dragenter', 'dragover'].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
    });
    drop.addEventListener('drop', function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showPreview();
      }
    });

    var strength = setUpStrength(form);
    var zoom = window.oneiraZoomForm ? window.oneiraZoomForm(form) : { photo: function () {} };
    preview.addEventListener('load', function () { zoom.photo(preview.naturalWidth, preview.naturalHeight); });
    setUpChannels();
    var painter = setUpMaskPainter();
    input.addEventListener('change', function () { painter.photo(previewUrl); });
    drop.addEventListener('drop', function () { painter.photo(previewUrl); });

    function send(body) {
      return fetch(form.action, { method: 'POST', body: body, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!input.files || !input.files.length) {
        showError('No photo chosen.', 'Choose or drop a photo first: JPEG, PNG, WebP or GIF.');
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Uploading…';
      var body = new FormData(form);
      painter.exportMask()
        .then(function (mask) {
          // a painted mask wins over a chosen mask file; nothing painted sends no mask part at all
          if (mask) { body.delete('mask'); body.append('mask', mask, 'mask.png'); }
          return send(body);
        })
        .then(function (r) {
          return r.text().then(function (text) {
            var body = null;
            try { body = JSON.parse(text); } catch (ignored) { body = null; }
            if (r.ok && body && body.links) {
              window.location.assign(body.links.page);
              return;
            }
            if (body && body.title) {
              showError(body.title + '.', body.detail, body.errors);
            } else if (r.status === 413) {
              showError('File too large.', 'The photo is bigger than we accept.');
            } else if (r.status === 400 && !body) {
              showError('The form expired.', 'Please reload the page and try again.');
            } else {
              showError('Upload failed.', 'The server answered ' + r.status + '. Please try again.');
            }
            submit.disabled = false;
            submit.textContent = 'Dream it';
          });
        })
        .catch(function () {
          showError('Upload failed.', 'The server could not be reached. Check your connection and try again.');
          submit.disabled = false;
          submit.textContent = 'Dream it';
        });
    });
  }

  // ---- strength slider: the expert fields' placeholders say what style and strength give ----
  function setUpStrength(form) {
    var slider = $('f-strength');
    var out = $('strength-value');
    var steps = $('f-stepsPerOctave');
    var size = $('f-stepSize');
    var table = {};
    try { table = JSON.parse(form.getAttribute('data-strength-table') || '{}'); } catch (ignored) { table = {}; }
    function update() {
      if (!slider) { return; }
      var chosen = form.querySelector('input[name=preset]:checked');
      var row = table[chosen ? chosen.value : ''] || table[''];
      var s = parseInt(slider.value, 10);
      if (out) { out.textContent = slider.value; }
      if (row && row[s - 1]) {
        if (steps) { steps.placeholder = String(row[s - 1][0]); }
        if (size) { size.placeholder = String(row[s - 1][1]); }
      }
    }
    if (slider) { slider.addEventListener('input', update); }
    Array.prototype.forEach.call(form.querySelectorAll('input[name=preset]'), function (r) {
      r.addEventListener('change', update);
    });
    update();
    return { update: update };
  }

  // ---- channel examples fill the free layers field ----
  function setUpChannels() {
    var layers = $('f-layers');
    Array.prototype.forEach.call(document.querySelectorAll('.chip[data-layers]'), function (chip) {
      chip.addEventListener('click', function () {
        layers.value = chip.getAttribute('data-layers');
        layers.dispatchEvent(new Event('input', { bubbles: true }));
        layers.focus();
      });
    });
  }

  // ---- mask painter: paint (white = dream) over the photo; exported as a PNG at the photo's aspect ----
  function setUpMaskPainter() {
    var section = $('mask-painter');
    var canvas = $('mask-canvas');
    var none = { photo: function () {}, exportMask: function () { return Promise.resolve(null); } };
    if (!section || !canvas || !canvas.getContext || !window.PointerEvent) { return none; }
    var img = $('mask-photo');
    var ctx = canvas.getContext('2d');
    var status = $('mask-status');
    var size = $('mask-size');
    var PAINT = 'rgba(255, 213, 79, 1)';
    var MAX_SIDE = 1024; // enough for a mask; the gallery stretches it to the photo
    var drawing = null;

    function tool() { return $('mask-eraser').checked ? 'eraser' : 'brush'; }

    function painted() {
      if (!canvas.width) { return false; }
      var d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { return true; } }
      return false;
    }

    function report() {
      status.textContent = painted() ? 'Only the painted parts will be dreamt; the rest of the photo is kept.'
        : 'Nothing painted: the whole photo will be dreamt.';
    }

    function photo(url) {
      if (!url) { section.hidden = true; return; }
      img.onload = function () {
        var w = img.naturalWidth, h = img.naturalHeight;
        var scale = Math.min(1, MAX_SIDE / Math.max(w, h));
        canvas.width = Math.max(1, Math.round(w * scale));
        canvas.height = Math.max(1, Math.round(h * scale));
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        section.hidden = false;
        report();
        if (reuse && reuse.checked) { loadMask(reuse.getAttribute('data-mask-url')); }
      };
      img.src = url;
    }

    // "dream again": the painter starts from the earlier dream's mask (its grey = how much is painted)
    var reuse = $('f-maskFrom');
    function loadMask(url) {
      var m = new Image();
      m.onload = function () {
        var t = document.createElement('canvas');
        t.width = canvas.width;
        t.height = canvas.height;
        var tc = t.getContext('2d');
        tc.drawImage(m, 0, 0, t.width, t.height);
        var data = tc.getImageData(0, 0, t.width, t.height);
        var d = data.data;
        for (var i = 0; i < d.length; i += 4) { d[i + 3] = d[i]; d[i] = 255; d[i + 1] = 213; d[i + 2] = 79; }
        ctx.putImageData(data, 0, 0);
        report();
      };
      m.src = url;
    }
    if (reuse) {
      reuse.addEventListener('change', function () {
        if (!canvas.width) { return; }
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        if (reuse.checked) { loadMask(reuse.getAttribute('data-mask-url')); } else { report(); }
      });
    }

    function at(e) {
      var r = canvas.getBoundingClientRect();
      return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height,
        scale: canvas.width / r.width };
    }

    function stroke(from, to, e) {
      var pressure = e.pointerType === 'pen' && e.pressure > 0 ? e.pressure * 2 : 1;
      ctx.save();
      ctx.globalCompositeOperation = tool() === 'eraser' ? 'destination-out' : 'source-over';
      ctx.strokeStyle = PAINT;
      ctx.fillStyle = PAINT;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = parseInt(size.value, 10) * to.scale * pressure;
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x + 0.01, to.y);
      ctx.stroke();
      ctx.restore();
    }

    canvas.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 && e.pointerType === 'mouse') { return; }
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      drawing = at(e);
      stroke(drawing, drawing, e);
    });
    canvas.addEventListener('pointermove', function (e) {
      if (!drawing) { return; }
      e.preventDefault();
      var p = at(e);
      stroke(drawing, p, e);
      drawing = p;
    });
    ['pointerup', 'pointercancel', 'lostpointercapture'].forEach(function (t) {
      canvas.addEventListener(t, function () { if (drawing) { drawing = null; report(); } });
    });
    $('mask-clear').addEventListener('click', function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      report();
    });
    $('mask-invert').addEventListener('click', function () {
      var copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      copy.getContext('2d').drawImage(canvas, 0, 0);
      ctx.save();
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = PAINT;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.globalCompositeOperation = 'destination-out';
      ctx.drawImage(copy, 0, 0);
      ctx.restore();
      report();
    });

    // white where painted (by its coverage), black elsewhere; null when nothing is painted
    function exportMask() {
      if (section.hidden || section.hasAttribute('data-off') || !painted()) { return Promise.resolve(null); }
      var out = document.createElement('canvas');
      out.width = canvas.width;
      out.height = canvas.height;
      var o = out.getContext('2d');
      o.drawImage(canvas, 0, 0);
      o.globalCompositeOperation = 'source-in';
      o.fillStyle = '#fff';
      o.fillRect(0, 0, out.width, out.height);
      o.globalCompositeOperation = 'destination-over';
      o.fillStyle = '#000';
      o.fillRect(0, 0, out.width, out.height);
      return new Promise(function (resolve) { out.toBlob(function (b) { resolve(b); }, 'image/png'); });
    }

    return { photo: photo, exportMask: exportMask };
  }

  // ---- dream page: live progress over server-sent events ----
  var dream = $('dream');
  if (dream && window.EventSource) {
    var status = dream.getAttribute('data-status');
    if (status === 'QUEUED' || status === 'DREAMING' || status === 'HELD') {
      var source = new EventSource(dream.getAttribute('data-events'));
      var lastUpdate = Date.now();
      var shown = status;
      var show = function (d) {
        var waiting = $('waiting');
        if (waiting) { waiting.hidden = !d.waitingForWorker; }
      };
      // Screened and held for review (issue 12): say so in place, and stop showing the photo; the
      // stream stays open, as an approved dream is dreamt after all.
      var held = function () {
        $('held').hidden = false;
        var live = $('live');
        if (live) { live.hidden = true; }
        $('dream-title').textContent = 'Awaiting review';
        document.title = 'Awaiting review | Oneira';
        shown = 'HELD';
      };
      // Events come only when something happens; a dream whose worker died goes quiet. Ask the API
      // then, which tells a stalled dream ("waiting for a worker") from a slow one.
      var quiet = window.setInterval(function () {
        // a held dream waits for a person, not a worker: nothing to ask the API about
        if (shown === 'HELD' || Date.now() - lastUpdate < 10000) {
          return;
        }
        fetch('/api/dreams/' + dream.getAttribute('data-id'), { headers: { 'Accept': 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d) { show(d); } })
          .catch(function () { /* next time */ });
      }, 10000);
      var update = function (e) {
        var d = JSON.parse(e.data);
        lastUpdate = Date.now();
        show(d);
        document.dispatchEvent(new CustomEvent('oneira:dream', { detail: d })); // eta.js
        if (d.status === 'DONE' || d.status === 'FAILED') {
          window.clearInterval(quiet);
          source.close();
          window.location.reload();
          return;
        }
        if (d.status === 'HELD') {
          if (shown !== 'HELD') { held(); }
          return;
        }
        if (shown === 'HELD') {
          // approved: the page of a dream in line or dreaming has the progress parts this one lacks
          source.close();
          window.location.reload();
          return;
        }
        var queue = $('queue');
        if (d.status === 'QUEUED') {
          queue.hidden = false;
          $('queue-position').textContent = d.queuePosition;
        } else {
          queue.hidden = true;
        }
        if (d.progress) {
          var pct = Math.round(d.progress.fraction * 100);
          $('progress').value = pct;
          $('progress').textContent = pct + '%';
          $('progress-text').textContent = progressText(d.progress);
          if (d.progress.previewUrl) {
            var img = $('live-preview');
            img.src = d.progress.previewUrl;
            img.hidden = false;
          }
        } else if (d.status === 'DREAMING') {
          $('progress-text').textContent = 'started';
        }
      };
      ['state', 'progress', 'held', 'completed', 'failed'].forEach(function (n) { source.addEventListener(n, update); });
    }
  }

  // the words of AnimationView.progressText
  function progressText(p) {
    var octave = 'octave ' + (p.octave + 1) + ' of ' + p.octaveCount + ', step ' + p.step + ' of ' + p.stepsPerOctave;
    if (p.frameCount == null || p.frame == null) { return octave; }
    return 'frame ' + Math.min(p.frame + 1, p.frameCount) + ' of ' + p.frameCount +
      (p.frame === 0 ? ' (the first, a full dream: ' + octave + ')' : '');
  }

  // ---- an animation's video: people who asked for less motion start it themselves ----
  var video = $('video');
  if (video && window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
    video.removeAttribute('autoplay');
    video.pause();
  }

  // ---- gallery cards of animations play their preview loop on hover and focus ----
  Array.prototype.forEach.call(document.querySelectorAll('.card[data-loop]'), function (card) {
    var img = card.querySelector('img.poster');
    if (!img) { return; }
    var still = img.getAttribute('src');
    var loop = card.getAttribute('data-loop');
    function play() { if (img.getAttribute('src') !== loop) { img.setAttribute('src', loop); } }
    function stop() { if (img.getAttribute('src') !== still) { img.setAttribute('src', still); } }
    card.addEventListener('mouseenter', play);
    card.addEventListener('mouseleave', stop);
    card.addEventListener('focusin', play);
    card.addEventListener('focusout', stop);
  });

  // ---- before/after slider ----
  var range = $('slider-range');
  if (range) {
    var after = $('after');
    var set = function () { after.style.clipPath = 'inset(0 ' + (100 - range.value) + '% 0 0)'; };
    range.addEventListener('input', set);
    set();
  }

  // ---- copy link ----
  var copy = $('copy-link');
  if (copy) {
    copy.addEventListener('click', function () {
      var url = copy.getAttribute('data-url');
      var done = function () { $('copied').textContent = 'Link copied.'; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { $('share-url').select(); done(); });
      } else {
        $('share-url').select();
        document.execCommand('copy');
        done();
      }
    });
  }

  // ---- delete: confirm first ----
  var del = $('delete-form');
  if (del) {
    del.addEventListener('submit', function (e) {
      if (!window.confirm('Delete this dream for good?')) { e.preventDefault(); }
    });
  }
})();
