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

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!input.files || !input.files.length) {
        showError('No photo chosen.', 'Choose or drop a photo first: JPEG, PNG, WebP or GIF.');
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Uploading…';
      fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
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

  // ---- dream page: live progress over server-sent events ----
  var dream = $('dream');
  if (dream && window.EventSource) {
    var status = dream.getAttribute('data-status');
    if (status === 'QUEUED' || status === 'DREAMING') {
      var source = new EventSource(dream.getAttribute('data-events'));
      var lastUpdate = Date.now();
      var show = function (d) {
        $('waiting').hidden = !d.waitingForWorker;
      };
      // Events come only when something happens; a dream whose worker died goes quiet. Ask the API
      // then, which tells a stalled dream ("waiting for a worker") from a slow one.
      var quiet = window.setInterval(function () {
        if (Date.now() - lastUpdate < 10000) {
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
        if (d.status === 'DONE' || d.status === 'FAILED') {
          window.clearInterval(quiet);
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
          $('progress-text').textContent = 'octave ' + (d.progress.octave + 1) + ' of ' + d.progress.octaveCount +
            ', step ' + d.progress.step + ' of ' + d.progress.stepsPerOctave;
          if (d.progress.previewUrl) {
            var img = $('live-preview');
            img.src = d.progress.previewUrl;
            img.hidden = false;
          }
        } else if (d.status === 'DREAMING') {
          $('progress-text').textContent = 'started';
        }
      };
      ['state', 'progress', 'completed', 'failed'].forEach(function (n) { source.addEventListener(n, update); });
    }
  }

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
