// confirm.js: a form with data-confirm="question" asks before it is sent.
'use strict';
document.addEventListener('submit', (e) => {
  const q = e.target.getAttribute && e.target.getAttribute('data-confirm');
  if (q && !window.confirm(q)) e.preventDefault();
});
