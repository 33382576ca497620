// The course site's sidebar and search, built in the browser from window.courseSite (assets/site-index.js): every
// lesson with its numbered sections, the current one open, and a search over the prose of all lessons. Offline: the
// index is a script, not a file fetched (browsers refuse fetch() from file:// pages).
(function () {
  var site = window.courseSite;
  if (!site || !document.body) return;
  var here = decodeURIComponent(location.pathname.split('/').pop() || 'index.html');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function link(href, text) { var a = el('a', '', text); a.href = href; return a; }

  var nav = el('nav', 'sidebar');
  nav.id = 'sidebar';
  nav.setAttribute('aria-label', 'Lessons and search');
  nav.appendChild(link(site.index, 'Course index')).className = 'home';
  var box = el('input');
  box.type = 'search';
  box.id = 'site-search';
  box.placeholder = 'Search all lessons';
  box.setAttribute('aria-label', 'Search all lessons');
  nav.appendChild(box);
  var results = el('ol', 'search-results');
  results.hidden = true;
  nav.appendChild(results);
  var lessons = el('ol', 'lessons');
  site.lessons.forEach(function (lesson) {
    var item = el('li', lesson.file === here ? 'current' : '');
    item.appendChild(link(lesson.file, Number(lesson.number) + '  ' + lesson.title));
    var list = el('ol', 'sections');
    lesson.sections.forEach(function (s) {
      if (!s.id) return;
      var li = el('li');
      li.appendChild(link(lesson.file + '#' + s.id, s.n + '  ' + s.title));
      list.appendChild(li);
    });
    item.appendChild(list);
    lessons.appendChild(item);
  });
  nav.appendChild(lessons);
  var toggle = el('button', 'sidebar-toggle', '☰ Lessons and search');
  toggle.type = 'button';
  toggle.addEventListener('click', function () { nav.classList.toggle('open'); });
  document.body.insertBefore(nav, document.body.firstChild);
  document.body.insertBefore(toggle, nav);
  document.body.classList.add('with-sidebar');

  // Every word of the query must occur in the section (its title or text); the snippet shows the first word in context.
  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var hits = [];
    site.lessons.forEach(function (lesson) {
      lesson.sections.forEach(function (s) {
        var text = (s.title + ' ' + s.text).toLowerCase();
        if (words.every(function (w) { return text.indexOf(w) >= 0; })) hits.push({ lesson: lesson, section: s });
      });
    });
    return { words: words, hits: hits };
  }
  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    if (at < 0) return text.slice(0, 120) + (text.length > 120 ? '…' : '');
    var from = Math.max(0, at - 60), to = Math.min(text.length, at + word.length + 60);
    var span = el('span', 'snippet');
    span.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at)));
    span.appendChild(el('mark', '', text.slice(at, at + word.length)));
    span.appendChild(document.createTextNode(text.slice(at + word.length, to) + (to < text.length ? '…' : '')));
    return span;
  }
  box.addEventListener('input', function () {
    var query = box.value.trim();
    results.textContent = '';
    if (query.length < 2) { results.hidden = true; lessons.hidden = false; return; }
    var found = search(query);
    found.hits.slice(0, 40).forEach(function (hit) {
      var li = el('li');
      var title = hit.section.id ? hit.section.n + '  ' + hit.section.title : hit.lesson.title;
      li.appendChild(link(hit.lesson.file + (hit.section.id ? '#' + hit.section.id : ''), title));
      li.appendChild(el('span', 'lesson', 'Lesson ' + hit.lesson.number));
      var s = snippet(hit.section.text, found.words[0]);
      li.appendChild(typeof s === 'string' ? el('span', 'snippet', s) : s);
      results.appendChild(li);
    });
    if (found.hits.length === 0) results.appendChild(el('li', 'none', 'No section mentions “' + query + '”.'));
    else if (found.hits.length > 40) results.appendChild(el('li', 'none', (found.hits.length - 40) + ' more: add a word.'));
    results.hidden = false;
    lessons.hidden = true;
  });
})();
