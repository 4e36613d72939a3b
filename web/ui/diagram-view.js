// Diagram: the path (or the counterexample being followed) as a sequence diagram, exportable as
// SVG or PNG for a review.
import { app, currentCounterexample, go } from './app.js';
import { h, clear } from './dom.js';
import { sequenceDiagram } from './diagram.js';

export function renderDiagram(main) {
  const cx = currentCounterexample();
  const title = `${app.info.spec}${app.variant ? ` ${app.variant}` : ''}: ${app.cx ? `${app.cx.property} counterexample` : 'path'} (${app.steps.length} steps)`;
  const svg = sequenceDiagram(app.path.steps, {
    processes: app.info.processes,
    title,
    loopStart: cx && cx.shape === 'lasso' ? cx.loopStart : undefined,
    current: app.at,
  });
  svg.addEventListener('click', (e) => {
    const row = e.target.closest && e.target.closest('text');
    const m = row && /^(\d+)\. /.exec(row.textContent || '');
    if (m) go(Number(m[1]));
  });
  clear(
    main,
    h(
      'section',
      { class: 'pane wide' },
      h(
        'div',
        { class: 'row' },
        h('h2', {}, 'Sequence diagram'),
        h('button', { id: 'export-svg', onclick: () => exportSvg(svg, fileName('svg')) }, 'export SVG'),
        h('button', { id: 'export-png', onclick: () => exportPng(svg, fileName('png')) }, 'export PNG'),
        h('span', { class: 'muted' }, 'Participants: the processes, then each shared object the path changes. Hover a label for the step in the kernel’s words; the current step is highlighted.'),
      ),
      app.steps.length === 0 ? h('p', { class: 'muted' }, 'The path is empty: take some steps in Explore or follow a counterexample.') : h('div', { class: 'diagram-scroll' }, svg),
    ),
  );
}

function fileName(ext) {
  return `mc-${app.variant || app.info.spec}${app.cx ? `-${app.cx.property}` : ''}.${ext}`;
}

function svgText(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

function download(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

function exportSvg(svg, name) {
  download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), name);
}

function exportPng(svg, name) {
  const img = new Image();
  const scale = 2;
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = svg.width.baseVal.value * scale;
    canvas.height = svg.height.baseVal.value * scale;
    const ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    canvas.toBlob((blob) => download(blob, name), 'image/png');
  };
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
}
