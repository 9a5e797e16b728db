// Media fields: browse the library with thumbnails, upload in place, alt text per file, reorder, remove.
// The chosen files stay plain inputs ({key}.Paths and {key}.MediaTexts, in order), so the form posts them with or without
// this script. Names and paths from the server are set as text and attributes, never as HTML.
(() => {
  'use strict';

  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  const element = (tag, attributes = {}, text = null) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) { node.setAttribute(name, value); }
    if (text !== null) { node.textContent = text; }
    return node;
  };

  const button = (text, label, onClick) => {
    const node = element('button', { type: 'button', class: 'secondary small' }, text);
    if (label) { node.setAttribute('aria-label', label); }
    node.addEventListener('click', onClick);
    return node;
  };

  let counter = 0;

  for (const picker of document.querySelectorAll('[data-media-picker]')) {
    const key = picker.dataset.key;
    const multiple = picker.dataset.multiple === 'true';
    const list = picker.querySelector('.media-items');
    const none = picker.querySelector('.media-none') ?? picker.appendChild(element('p', { class: 'media-none hint' }, 'No file chosen yet.'));
    const refresh = () => {
      none.hidden = list.children.length > 0;
      [...list.children].forEach((row, i) => {
        row.querySelector('[data-up]').disabled = i === 0;
        row.querySelector('[data-down]').disabled = i === list.children.length - 1;
      });
    };
    const changed = () => { refresh(); picker.closest('form')?.markDirty?.(); };

    // Each chosen file gets move and remove buttons; new ones are built the same way the page renders them.
    const enhance = (row) => {
      const name = row.dataset.path;
      const tools = element('span', { class: 'media-tools' });
      const up = button('↑', `Move ${name} up`, () => { row.previousElementSibling?.before(row); changed(); });
      const down = button('↓', `Move ${name} down`, () => { row.nextElementSibling?.after(row); changed(); });
      up.dataset.up = ''; down.dataset.down = '';
      tools.append(up, down, button('Remove', `Remove ${name}`, () => { row.remove(); changed(); }));
      row.append(tools);
    };
    const add = (path, alt = '') => {
      if ([...list.children].some((row) => row.dataset.path === path)) { return; }
      if (!multiple) { list.replaceChildren(); }
      const id = `${picker.id}-new-${counter++}`;
      const row = element('li', { class: 'media-item', 'data-path': path });
      row.append(
        element('img', { src: `/media/${path}`, alt: '', class: 'thumb' }),
        element('span', { class: 'media-path' }, path),
        element('input', { type: 'hidden', name: `${key}.Paths`, value: path }),
        element('label', { for: id }, 'Alt text'),
        element('input', { id, name: `${key}.MediaTexts`, value: alt, maxlength: '500' }));
      enhance(row);
      list.append(row);
      changed();
      row.querySelector(`#${CSS.escape(id)}`).focus();
    };
    [...list.children].forEach(enhance);

    // The library browser: folders to open, images to pick, an upload into the folder shown.
    const browser = element('div', { class: 'media-browser', hidden: '' });
    const heading = element('p', { class: 'media-folder', 'aria-live': 'polite' });
    const grid = element('ul', { class: 'media-grid' });
    const status = element('p', { class: 'hint', role: 'status' });
    const uploadId = `${picker.id}-upload`;
    const upload = element('input', { type: 'file', id: uploadId, multiple: '', accept: 'image/*' });
    const uploadLabel = element('label', { for: uploadId }, 'Upload into this folder');
    browser.append(heading, grid, uploadLabel, upload, status);
    let folder = '';

    const show = async (path) => {
      const response = await fetch(`/admin/media?handler=List&folder=${encodeURIComponent(path)}`, { headers: { Accept: 'application/json' } });
      // A user without media rights is sent to the "denied" page, which is not JSON.
      if (!response.ok || !response.headers.get('content-type')?.includes('json')) {
        status.textContent = response.ok || response.status === 403 ? 'You may not browse the media library.' : `The media library could not be read (${response.status}).`;
        return;
      }
      const listing = await response.json();
      folder = listing.folder;
      heading.textContent = `Media library / ${folder}`;
      grid.replaceChildren();
      if (listing.parent !== null) {
        grid.append(element('li').appendChild(button('↑ Up', 'Up one folder', () => show(listing.parent))).parentElement);
      }
      for (const entry of listing.entries) {
        const item = element('li');
        if (entry.folder) {
          item.append(button(`${entry.name}/`, `Open folder ${entry.name}`, () => show(entry.path)));
        } else {
          const pick = element('button', { type: 'button', class: 'media-tile', 'aria-label': `Pick ${entry.path}` });
          if (entry.image) { pick.append(element('img', { src: entry.url, alt: '', loading: 'lazy' })); }
          pick.append(element('span', {}, entry.name));
          pick.addEventListener('click', () => add(entry.path));
          item.append(pick);
        }
        grid.append(item);
      }
      if (listing.entries.length === 0) {
        grid.append(element('li', { class: 'hint' }, 'This folder is empty: upload a file below.'));
      }
    };

    upload.addEventListener('change', async () => {
      if (upload.files.length === 0) { return; }
      const body = new FormData();
      for (const file of upload.files) { body.append('files', file); }
      body.append('folder', folder);
      body.append('__RequestVerificationToken', token());
      status.textContent = 'Uploading…';
      const response = await fetch('/admin/media?handler=Picker', { method: 'POST', body, headers: { RequestVerificationToken: token(), Accept: 'application/json' } });
      const answer = response.headers.get('content-type')?.includes('json') ? await response.json() : {};
      upload.value = '';
      for (const path of answer.paths ?? []) { add(path); }
      status.textContent = response.ok ? `Uploaded ${(answer.paths ?? []).join(', ')}.` : (answer.error ?? answer.detail ?? `The upload failed (${response.status}).`);
      await show(folder);
    });

    const toggle = button('Browse media…', null, async () => {
      browser.hidden = !browser.hidden;
      toggle.setAttribute('aria-expanded', String(!browser.hidden));
      if (!browser.hidden) { await show(folder); }
    });
    toggle.setAttribute('aria-expanded', 'false');
    toggle.dataset.browse = '';
    picker.append(toggle, browser);
    refresh();
  }
})();
