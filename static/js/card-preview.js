// card-preview.js: on the design step, the preview follows the form as the
// owner changes layout, colours, type and text; nothing is saved until
// "Design complete". Without script the preview shows the saved card.
'use strict';
(function () {
  const form = document.querySelector('form.design-form');
  const card = document.querySelector('.preview .bizcard');
  if (!form || !card) return;
  const el = form.elements;
  const boxes = [card.querySelector('.bc-text1'), card.querySelector('.bc-text2')];

  function update() {
    card.style.setProperty('--bg', el.bg.value);
    card.style.setProperty('--fg', el.color.value);
    card.style.setProperty('--accent', el.accent.value);
    const font = el.font.selectedOptions[0];
    if (font && font.dataset.stack) card.style.fontFamily = font.dataset.stack;
    const keep = card.className.split(/\s+/).filter((c) => !/^(lay|pat|size|align)-|^is-(bold|italic|underline)$/.test(c));
    keep.push('lay-' + el.layout.value, 'pat-' + el.pattern.value, 'size-' + el.size.value, 'align-' + el.align.value);
    ['bold', 'italic', 'underline'].forEach((f) => { if (el[f].checked) keep.push('is-' + f); });
    card.className = keep.join(' ');
    // The text boxes follow their fields, as text.
    [el.text1, el.text2].forEach((f, i) => {
      if (!boxes[i]) return;
      boxes[i].textContent = f.value;
      boxes[i].hidden = !f.value.trim();
    });
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();
