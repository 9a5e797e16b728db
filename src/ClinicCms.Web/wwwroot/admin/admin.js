// ClinicCms admin: small, dependency-free behaviours. Everything works without them; they make editing nicer.
(() => {
  'use strict';

  const antiforgery = (form) => form?.querySelector('input[name="__RequestVerificationToken"]')?.value
    ?? document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  // Leaving a page with unsaved changes asks first.
  for (const form of document.querySelectorAll('form[data-dirty-guard]')) {
    let dirty = false;
    form.addEventListener('input', () => { dirty = true; });
    form.addEventListener('change', () => { dirty = true; });
    form.addEventListener('submit', () => { dirty = false; });
    window.addEventListener('beforeunload', (event) => {
      if (dirty) { event.preventDefault(); event.returnValue = ''; }
    });
    form.markDirty = () => { dirty = true; };
  }

  // Destructive buttons confirm first.
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-confirm]');
    if (button && !window.confirm(button.dataset.confirm)) { event.preventDefault(); }
  });

  // Rich text: a contenteditable area over the HTML textarea, which stays the value that is posted.
  for (const wrapper of document.querySelectorAll('[data-rich-editor]')) {
    const source = wrapper.querySelector('textarea');
    const toolbar = wrapper.querySelector('.toolbar');
    const label = document.querySelector(`label[for="${source.id}"]`);
    const area = document.createElement('div');
    area.className = 'rich-area';
    area.contentEditable = 'true';
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    if (label) { label.id = label.id || `${source.id}-label`; area.setAttribute('aria-labelledby', label.id); label.htmlFor = ''; }
    area.innerHTML = source.value;
    source.hidden = true;
    toolbar.hidden = false;
    wrapper.insertBefore(area, source);
    const sync = () => { source.value = area.innerHTML; source.form?.markDirty?.(); };
    area.addEventListener('input', sync);
    toolbar.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-command]');
      if (!button) { return; }
      const command = button.dataset.command;
      const asked = command === 'createLink' ? window.prompt('Link address')
        : command === 'insertImage' ? window.prompt('Media path, e.g. articles/hero.jpg') : null;
      if ((command === 'createLink' || command === 'insertImage') && !asked) { return; }
      const value = command === 'insertImage' ? `/media/${asked.replace(/^\/?(media\/)?/, '')}` : asked ?? button.dataset.value ?? null;
      area.focus();
      document.execCommand(command, false, value);
      sync();
    });
  }

  // Markdown: a live preview, rendered by the server as frontends get it.
  for (const wrapper of document.querySelectorAll('[data-markdown-editor]')) {
    const source = wrapper.querySelector('textarea');
    const preview = wrapper.querySelector('.preview');
    let timer;
    const render = async () => {
      const body = new URLSearchParams({ markdown: source.value, __RequestVerificationToken: antiforgery(source.form) });
      const response = await fetch('/admin/api/markdown', { method: 'POST', body, headers: { RequestVerificationToken: antiforgery(source.form) } });
      if (response.ok) { preview.innerHTML = await response.text(); }
      else { preview.textContent = (await response.json().catch(() => ({}))).error ?? ''; }
    };
    source.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 250); });
    render();
  }

  // Content pickers: search the candidates on the server, keeping what is already chosen.
  for (const picker of document.querySelectorAll('[data-picker]')) {
    const search = picker.querySelector('[data-picker-search]');
    const select = picker.querySelector('select');
    let timer;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const url = `/admin/api/content?types=${encodeURIComponent(picker.dataset.types ?? '')}&q=${encodeURIComponent(search.value)}`;
        const response = await fetch(url);
        if (!response.ok) { return; }
        const chosen = [...select.selectedOptions].filter((o) => o.value);
        const found = await response.json();
        for (const option of [...select.options]) { if (!option.selected && option.value) { option.remove(); } }
        for (const item of found) {
          if (!chosen.some((o) => o.value === item.id)) { select.add(new Option(item.text, item.id)); }
        }
      }, 200);
    });
  }

  const explorer = document.querySelector('[data-graphql-explorer]');
  if (explorer) { setUpExplorer(explorer); }

  function setUpExplorer(root) {
    const query = root.querySelector('#gql-query');
    const variables = root.querySelector('#gql-variables');
    const result = root.querySelector('#gql-result');
    const docs = root.querySelector('.docs-list');
    const docsSearch = root.querySelector('#gql-docs-search');
    const suggestions = root.querySelector('.suggestions');
    let types = new Map();

    const post = async (body) => {
      const response = await fetch('/api/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      return { status: response.status, json: await response.json() };
    };
    const unwrap = (type) => { while (type && type.ofType) { type = type.ofType; } return type?.name; };
    const typeText = (type) => type.kind === 'NON_NULL' ? `${typeText(type.ofType)}!` : type.kind === 'LIST' ? `[${typeText(type.ofType)}]` : type.name;

    const run = async () => {
      let vars = {};
      try { vars = JSON.parse(variables.value || '{}'); } catch { result.textContent = 'The variables are not valid JSON.'; return; }
      result.textContent = 'Running…';
      const { status, json } = await post({ query: query.value, variables: vars });
      result.textContent = `${status}\n${JSON.stringify(json, null, 2)}`;
    };
    root.querySelector('[data-run]').addEventListener('click', run);

    const showDocs = () => {
      const filter = docsSearch.value.trim().toLowerCase();
      docs.replaceChildren();
      for (const type of types.values()) {
        if (type.name.startsWith('__') || !type.fields) { continue; }
        const fields = type.fields.filter((f) => !filter || type.name.toLowerCase().includes(filter) || f.name.toLowerCase().includes(filter));
        if (fields.length === 0) { continue; }
        const details = document.createElement('details');
        const summary = document.createElement('summary');
        summary.textContent = type.name;
        details.append(summary);
        const list = document.createElement('ul');
        for (const field of fields) {
          const item = document.createElement('li');
          item.textContent = `${field.name}: ${typeText(field.type)}`;
          if (field.description) { item.title = field.description; }
          list.append(item);
        }
        details.append(list);
        details.open = Boolean(filter);
        docs.append(details);
      }
    };
    docsSearch.addEventListener('input', showDocs);

    // Which type's fields may go at the cursor: follow the fields and fragments opened before it.
    const typeAtCursor = () => {
      const text = query.value.slice(0, query.selectionStart);
      const stack = [];
      const tokens = text.match(/\.\.\.\s*on\s+\w+|[A-Za-z_]\w*|[{}()]/g) ?? [];
      let depthInArgs = 0;
      let last = null;
      for (const token of tokens) {
        if (token === '(') { depthInArgs++; continue; }
        if (token === ')') { depthInArgs--; continue; }
        if (depthInArgs > 0) { continue; }
        if (token === '{') {
          const parent = stack.length ? stack[stack.length - 1] : 'Query';
          if (last?.startsWith('...')) { stack.push(last.split(/\s+/).pop()); }
          else if (last && types.get(parent)?.fields) {
            const field = types.get(parent).fields.find((f) => f.name === last);
            stack.push(field ? unwrap(field.type) : parent);
          } else { stack.push(parent); }
          last = null;
          continue;
        }
        if (token === '}') { stack.pop(); last = null; continue; }
        last = token;
      }
      return stack.length ? stack[stack.length - 1] : 'Query';
    };

    let choices = [];
    let active = 0;
    const wordBounds = () => {
      const end = query.selectionStart;
      let start = end;
      while (start > 0 && /\w/.test(query.value[start - 1])) { start--; }
      return { start, end, prefix: query.value.slice(start, end) };
    };
    const hide = () => { suggestions.hidden = true; choices = []; };
    const suggest = () => {
      const type = types.get(typeAtCursor());
      const { prefix } = wordBounds();
      choices = (type?.fields ?? []).map((f) => f.name).filter((n) => n.startsWith(prefix) && n !== prefix).slice(0, 12);
      if (choices.length === 0) { hide(); return; }
      active = 0;
      suggestions.replaceChildren(...choices.map((name, i) => {
        const li = document.createElement('li');
        li.textContent = name;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.addEventListener('mousedown', (event) => { event.preventDefault(); accept(name); });
        return li;
      }));
      suggestions.hidden = false;
    };
    const accept = (name) => {
      const { start, end } = wordBounds();
      query.setRangeText(name, start, end, 'end');
      hide();
      query.focus();
    };
    query.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); return; }
      if (event.key === ' ' && event.ctrlKey) { event.preventDefault(); suggest(); return; }
      if (suggestions.hidden) { return; }
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length;
        [...suggestions.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(choices[active]);
      } else if (event.key === 'Escape') { hide(); }
    });
    query.addEventListener('input', () => { if (/\w$/.test(query.value.slice(0, query.selectionStart))) { suggest(); } else { hide(); } });
    query.addEventListener('blur', () => setTimeout(hide, 150));

    const introspection = '{ __schema { types { name kind fields { name description type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }';
    post({ query: introspection }).then(({ json }) => {
      types = new Map((json.data?.__schema.types ?? []).map((t) => [t.name, t]));
      root.dataset.ready = 'true';
      showDocs();
    });
  }
})();
