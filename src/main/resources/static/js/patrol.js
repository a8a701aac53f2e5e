// Secure Patrol's live feed on /admin/patrol: follows the Server-Sent Events of /api/v1/admin/patrol/feed and
// puts each detection at the top of the list. Text only (textContent): a detection's detail is the attacker's.
(function () {
  'use strict';
  var feed = document.getElementById('feed');
  var state = document.getElementById('feed-state');
  if (!feed || !window.EventSource) {
    return;
  }
  var MAX_ITEMS = 200;
  var source = new EventSource('/api/v1/admin/patrol/feed');
  source.addEventListener('open', function () {
    state.textContent = 'Following: detections appear here as they happen.';
  });
  source.addEventListener('error', function () {
    state.textContent = 'The feed was interrupted; the browser reconnects by itself.';
  });
  source.addEventListener('detection', function (message) {
    var d = JSON.parse(message.data);
    var item = document.createElement('li');
    item.className = 'detection';
    item.dataset.id = d.id;
    var parts = [d.occurredAt.substring(11, 19) + ' UTC', d.point + ' (' + d.appSensor + ')', d.system];
    if (d.address) { parts.push(d.address); }
    if (d.account) { parts.push('account ' + d.account); }
    if (d.detail) { parts.push(d.detail); }
    item.textContent = parts.join(' · ');
    feed.insertBefore(item, feed.firstChild);
    while (feed.children.length > MAX_ITEMS) {
      feed.removeChild(feed.lastChild);
    }
  });
}());
