// Oneira: the like button without a page reload. Without this script the form posts and the page reloads.
(function () {
  'use strict';

  var form = document.getElementById('like-form');
  if (!form || !window.fetch) { return; }
  var button = document.getElementById('like-button');
  var count = document.getElementById('like-count');
  var action = document.getElementById('like-action');
  var error = document.getElementById('like-error');

  function words(n) { return n + (n === 1 ? ' like' : ' likes'); }

  function show(state) {
    form.setAttribute('data-liked', String(state.likedByYou));
    action.value = state.likedByYou ? 'unlike' : 'like';
    button.setAttribute('aria-pressed', String(state.likedByYou));
    button.textContent = state.likedByYou ? '\u2665 Liked (take it back)' : '\u2661 Like';
    count.textContent = words(state.likes);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var liked = form.getAttribute('data-liked') === 'true';
    button.disabled = true;
    error.hidden = true;
    fetch('/api/dreams/' + encodeURIComponent(form.getAttribute('data-id')) + '/like', {
      method: liked ? 'DELETE' : 'PUT',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }).then(function (r) {
      return r.json().then(function (body) {
        if (r.ok) {
          show(body);
        } else {
          error.textContent = (body.title || 'Not possible') + ': ' + (body.detail || '');
          error.hidden = false;
        }
      });
    }).catch(function () {
      error.textContent = 'The gallery could not be reached; please try again.';
      error.hidden = false;
    }).then(function () { button.disabled = false; });
  });
})();
