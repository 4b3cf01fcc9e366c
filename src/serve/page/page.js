// newslint's page for the desk: paste a story, see every finding
// underlined in place, click an underline to read why and fix it. It talks
// to this server's /api/check and /api/rules only.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const story = $('story');
  const backdrop = $('backdrop');
  const list = $('findings');
  const pop = $('popover');
  const DEBOUNCE_MS = 350;
  const SHORT = {
    'spelling.unknown-word': 'Spelling mistake',
    'spelling.unfamiliar-word': 'Unfamiliar word',
    'names.unknown': 'Name to check',
    'names.inconsistent': 'Name spelled two ways',
    'context.real-word': 'Wrong word?',
    'typography.repeated-word': 'Repeated word',
    'typography.dash-hyphen': 'Dash slip',
    'typography.double-hyphen': 'Double hyphen',
    'typography.double-space': 'Double space',
    'typography.space-before-punctuation': 'Space before punctuation',
    'typography.unbalanced-quotes': 'Unpaired quote mark',
    'typography.unbalanced-brackets': 'Unpaired bracket',
    'typography.mixed-quotes': 'Mixed quote marks',
  };
  const FAMILY = {
    spelling: 'Spelling', names: 'Names', typography: 'Typography', context: 'Word in context',
    style: 'House style', dialect: 'British or American spelling', vale: 'Desk rule',
  };

  let findings = []; // {start, end, rule, severity, message, suggestions, text}, UTF-16 offsets
  let rules = {};
  let seq = 0;
  let timer = null;
  let previous = story.value;
  let active = -1;
  const ignored = new Set();
  let token = sessionStorage.getItem('newslint-token') || '';

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }

  function setStatus(state, text) {
    const s = $('status');
    s.dataset.state = state;
    s.textContent = text;
  }

  function askToken() {
    $('token-bar').hidden = false;
    $('token').focus();
  }

  async function loadRules() {
    try {
      const r = await fetch('/api/rules', { headers: headers() });
      if (r.status === 401) { askToken(); return; }
      if (!r.ok) return;
      const j = await r.json();
      for (const rule of j.rules) rules[rule.id] = rule;
      const d = j.defaults || {};
      $('dialect').options[0].textContent = 'House default (' + (d.dialect || 'en-US') + ')';
      $('style').options[0].textContent = 'House default (' + (d.style || 'none') + ')';
    } catch (e) { /* the check will say the server cannot be reached */ }
  }

  // Findings carry UTF-8 byte offsets; the page works in UTF-16 units.
  function convert(text, raw) {
    const bytes = [...new Set(raw.flatMap((f) => [f.byte_start, f.byte_end]))].sort((a, b) => a - b);
    const at = new Map();
    let byte = 0;
    let i = 0;
    for (const target of bytes) {
      while (byte < target && i < text.length) {
        const cp = text.codePointAt(i);
        byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        i += cp > 0xffff ? 2 : 1;
      }
      at.set(target, i);
    }
    return raw.map((f) => ({
      start: at.get(f.byte_start),
      end: at.get(f.byte_end),
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      suggestions: f.suggestions || [],
      text: f.text,
    }));
  }

  const key = (f) => f.rule + '\u0000' + f.text;
  const visible = () => findings.map((f, i) => [f, i]).filter(([f]) => !ignored.has(key(f)));

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  function title(f) {
    return SHORT[f.rule] || FAMILY[f.rule.split('.')[0]] || f.rule;
  }

  // Messages quote words in `backticks`: show them as words.
  function messageInto(el, message) {
    el.textContent = '';
    message.split('`').forEach((part, k) => {
      if (k % 2 === 1) {
        const w = document.createElement('span');
        w.className = 'word';
        w.textContent = '“' + part + '”';
        el.append(w);
      } else {
        el.append(part);
      }
    });
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function render() {
    const text = story.value;
    const shown = visible().sort((a, b) => a[0].start - b[0].start || a[0].end - b[0].end);
    // The backdrop: the same text, each finding in a <mark> (an overlapping
    // one is listed but not drawn twice).
    let html = '';
    let at = 0;
    for (const [f, i] of shown) {
      if (f.start < at || f.end > text.length || f.end <= f.start) continue;
      html += escapeHtml(text.slice(at, f.start));
      html += '<mark class="' + f.severity + (i === active ? ' active' : '') + '" data-i="' + i +
        '" data-rule="' + escapeHtml(f.rule) + '">' + escapeHtml(text.slice(f.start, f.end)) + '</mark>';
      at = f.end;
    }
    html += escapeHtml(text.slice(at)) + '\n';
    backdrop.innerHTML = html;

    list.textContent = '';
    const counts = { error: 0, warning: 0, info: 0 };
    for (const [f, i] of shown) {
      counts[f.severity] = (counts[f.severity] || 0) + 1;
      const li = document.createElement('li');
      li.className = f.severity + (i === active ? ' active' : '');
      li.dataset.i = String(i);
      li.dataset.rule = f.rule;
      li.tabIndex = 0;
      const flagged = document.createElement('span');
      flagged.className = 'flagged';
      flagged.textContent = f.text.trim() ? f.text : '(space)';
      const head = document.createElement('span');
      head.textContent = ' · ' + title(f);
      const message = document.createElement('span');
      message.className = 'message';
      messageInto(message, f.message);
      li.append(flagged, head, message);
      if (f.suggestions.length) {
        const fixes = document.createElement('span');
        fixes.className = 'fixes';
        for (const s of f.suggestions.slice(0, 3)) fixes.append(suggestionButton(i, s));
        li.append(fixes);
      }
      const rule = document.createElement('span');
      rule.className = 'rule';
      rule.textContent = f.rule;
      li.append(rule);
      li.addEventListener('click', (e) => {
        if (e.target.closest('button')) return;
        select(i);
      });
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(i); });
      list.append(li);
    }
    $('empty').hidden = shown.length > 0;
    $('empty').textContent = story.value.trim() ? 'Nothing to fix: no slip found.' : 'Nothing found yet. Paste a story to start.';
    const set = (id, n, one, many) => {
      const el = $(id);
      el.textContent = plural(n, one, many);
      el.classList.toggle('zero', n === 0);
    };
    set('count-error', counts.error, 'error', 'errors');
    set('count-warning', counts.warning, 'warning', 'warnings');
    set('count-info', counts.info, 'to check', 'to check');
  }

  function suggestionButton(i, value) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'suggestion';
    b.textContent = value === '' ? '(delete)' : value;
    b.title = 'Replace with “' + value + '”';
    b.addEventListener('click', (e) => { e.stopPropagation(); apply(i, value); });
    return b;
  }

  function markOf(i) {
    return backdrop.querySelector('mark[data-i="' + i + '"]');
  }

  function select(i) {
    const f = findings[i];
    if (!f) return;
    story.focus();
    story.setSelectionRange(f.start, f.end);
    const mark = markOf(i);
    if (mark) mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
    openPopover(i);
  }

  function openPopover(i) {
    const f = findings[i];
    if (!f) return;
    active = i;
    render();
    $('pop-sev').className = 'sev ' + f.severity;
    $('pop-title').textContent = title(f) + ' (' + f.severity + ')';
    messageInto($('pop-message'), f.message);
    const box = $('pop-suggestions');
    box.textContent = '';
    for (const s of f.suggestions.slice(0, 8)) box.append(suggestionButton(i, s));
    box.hidden = f.suggestions.length === 0;
    $('pop-rule').textContent = f.rule;
    const rule = rules[f.rule];
    $('pop-doc').textContent = rule ? rule.summary + '\n\n' + rule.doc : '';
    $('pop-doc').hidden = true;
    $('pop-why').hidden = !rule;
    $('pop-why').setAttribute('aria-expanded', 'false');
    pop.hidden = false;
    const mark = markOf(i);
    const r = (mark || story).getBoundingClientRect();
    const width = pop.offsetWidth;
    const left = Math.min(Math.max(8, r.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
    pop.style.left = left + 'px';
    pop.style.top = (r.bottom + window.scrollY + 8) + 'px';
  }

  function closePopover() {
    pop.hidden = true;
    if (active !== -1) {
      active = -1;
      render();
    }
  }

  function apply(i, value) {
    const f = findings[i];
    if (!f || story.value.slice(f.start, f.end) !== f.text) return;
    closePopover();
    story.focus();
    story.setSelectionRange(f.start, f.end);
    // insertText keeps the browser's undo (Ctrl+Z) working.
    let done = false;
    try { done = document.execCommand('insertText', false, value); } catch (e) { done = false; }
    if (!done || story.value.slice(f.start, f.start + value.length) !== value) {
      story.setRangeText(value, f.start, f.end, 'end');
      edited();
    }
    schedule(0);
  }

  // Between checks, keep the underlines on their words: findings after an
  // edit move with it, findings it touches are dropped until the next check.
  function edited() {
    const now = story.value;
    const old = previous;
    let p = 0;
    const max = Math.min(old.length, now.length);
    while (p < max && old.charCodeAt(p) === now.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && old.charCodeAt(old.length - 1 - s) === now.charCodeAt(now.length - 1 - s)) s++;
    const oldEnd = old.length - s;
    const delta = now.length - old.length;
    findings = findings
      .filter((f) => f.end <= p || f.start >= oldEnd)
      .map((f) => (f.start >= oldEnd ? { ...f, start: f.start + delta, end: f.end + delta } : f));
    previous = now;
    active = -1;
    pop.hidden = true;
    grow();
    render();
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(check, ms === undefined ? DEBOUNCE_MS : ms);
  }

  async function check() {
    const text = story.value;
    const mine = ++seq;
    if (!text.trim()) {
      findings = [];
      render();
      setStatus('idle', 'Ready');
      return;
    }
    setStatus('checking', 'Checking…');
    const body = { text };
    if ($('dialect').value) body.dialect = $('dialect').value;
    if ($('style').value) body.style = $('style').value;
    let r;
    try {
      r = await fetch('/api/check', { method: 'POST', headers: headers(), body: JSON.stringify(body) });
    } catch (e) {
      if (mine === seq) setStatus('error', 'Cannot reach the server');
      return;
    }
    if (mine !== seq) return;
    if (r.status === 401) {
      askToken();
      setStatus('error', 'Needs an access token');
      return;
    }
    if (!r.ok) {
      let why = 'The check failed';
      try { why = (await r.json()).error || why; } catch (e) { /* keep the plain reason */ }
      setStatus('error', why);
      return;
    }
    const raw = await r.json();
    // The story changed meanwhile: the next check will answer.
    if (mine !== seq || story.value !== text) return;
    findings = convert(text, raw);
    previous = text;
    active = -1;
    pop.hidden = true;
    render();
    setStatus('done', 'Checked');
    document.body.dataset.checks = String(Number(document.body.dataset.checks) + 1);
  }

  function grow() {
    story.style.height = 'auto';
    story.style.height = story.scrollHeight + 'px';
  }

  function findingAt(pos) {
    let best = -1;
    for (const [f, i] of visible()) {
      if (f.start <= pos && pos <= f.end && (best === -1 || f.end - f.start < findings[best].end - findings[best].start)) best = i;
    }
    return best;
  }

  story.addEventListener('input', () => { edited(); schedule(); });
  story.addEventListener('click', () => {
    if (story.selectionStart !== story.selectionEnd) return;
    const i = findingAt(story.selectionStart);
    if (i === -1) closePopover(); else openPopover(i);
  });
  // Hover: the marks lie under the textarea, so look through it.
  story.addEventListener('mousemove', (e) => {
    const mark = document.elementsFromPoint(e.clientX, e.clientY).find((el) => el.tagName === 'MARK');
    if (mark) {
      const f = findings[Number(mark.dataset.i)];
      story.title = f ? title(f) + ': ' + f.message.replace(/`([^`]*)`/g, '“$1”') + ' (click for suggestions)' : '';
      story.style.cursor = 'pointer';
    } else {
      story.title = '';
      story.style.cursor = '';
    }
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closePopover(); });
  document.addEventListener('mousedown', (e) => {
    if (!pop.hidden && !pop.contains(e.target) && e.target !== story && !e.target.closest('.findings')) closePopover();
  });
  $('pop-ignore').addEventListener('click', () => {
    if (active !== -1) ignored.add(key(findings[active]));
    closePopover();
  });
  $('pop-why').addEventListener('click', () => {
    const doc = $('pop-doc');
    doc.hidden = !doc.hidden;
    $('pop-why').setAttribute('aria-expanded', String(!doc.hidden));
  });
  $('dialect').addEventListener('change', () => schedule(0));
  $('style').addEventListener('change', () => schedule(0));
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(story.value);
    } catch (e) {
      story.select();
      document.execCommand('copy');
    }
    setStatus('done', 'Copied');
  });
  $('token-save').addEventListener('click', () => {
    token = $('token').value.trim();
    sessionStorage.setItem('newslint-token', token);
    $('token-bar').hidden = true;
    loadRules();
    schedule(0);
  });
  window.addEventListener('resize', grow);

  loadRules();
  grow();
  render();
  if (story.value.trim()) schedule(0);
})();
