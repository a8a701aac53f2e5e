// Pledge's own few lines for every page: on a phone the menu folds behind its button, and a table wider than the
// screen (it scrolls in its own box, pledge.css) can be reached and scrolled with the keyboard.
(function () {
  document.documentElement.classList.add('menu-js');
  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.querySelector('button.menu-toggle');
    var menu = document.getElementById('site-menu');
    if (toggle && menu) {
      toggle.hidden = false;
      toggle.addEventListener('click', function () {
        var open = menu.classList.toggle('open');
        toggle.setAttribute('aria-expanded', String(open));
      });
    }
    var tables = document.querySelectorAll('main table');
    function reachable() {
      tables.forEach(function (table) {
        if (table.scrollWidth > table.clientWidth + 1) {
          table.setAttribute('tabindex', '0');
        } else if (table.getAttribute('tabindex') === '0') {
          table.removeAttribute('tabindex');
        }
      });
    }
    reachable();
    window.addEventListener('resize', reachable);
  });
})();
// The preferences page offers the browser's time zone while the person has not chosen one.
document.addEventListener('DOMContentLoaded', function () {
  var zone = document.querySelector('select[data-browser-default="yes"]');
  if (!zone || !window.Intl) {
    return;
  }
  var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (mine && zone.querySelector('option[value="' + mine.replace(/"/g, '') + '"]')) {
    zone.value = mine;
  }
});
// Recovery codes: download them as a text file made in the browser (nothing is fetched again), or print them.
document.addEventListener('DOMContentLoaded', function () {
  var list = document.getElementById('recovery-codes');
  var actions = document.querySelector('.code-actions');
  if (!list || !actions) {
    return;
  }
  actions.hidden = false;
  document.getElementById('download-codes').addEventListener('click', function () {
    var codes = Array.prototype.map.call(list.querySelectorAll('li'), function (li) { return li.textContent.trim(); });
    var text = 'Pledge recovery codes (each works once)\n\n' + codes.join('\n') + '\n';
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    link.download = 'pledge-recovery-codes.txt';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  document.getElementById('print-codes').addEventListener('click', function () { window.print(); });
});
