package reporttest

// ChartTextClashes lists, for every drawn chart of the open page (SVG
// renderer), each pair of visible text elements whose boxes overlap by
// more than 1 px either way, and each visible text that sticks out of its
// chart's box, as "chart id: 'a' × 'b'". Hidden labels (ECharts drops
// labels that labelLayout.hideOverlap hides, or draws them with opacity 0)
// do not count.
const ChartTextClashes = `(() => {
	const out = [];
	const visible = el => {
		if (!el.textContent.trim()) return false;
		for (let e = el; e && e.tagName !== 'svg'; e = e.parentElement) {
			const s = getComputedStyle(e);
			if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) return false;
			if (e.getAttribute('opacity') === '0' || e.getAttribute('fill-opacity') === '0') return false;
		}
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0;
	};
	for (const chart of document.querySelectorAll('.chart')) {
		const box = chart.getBoundingClientRect();
		const texts = [...chart.querySelectorAll('svg text')].filter(visible)
			.map(el => ({t: el.textContent, r: el.getBoundingClientRect()}));
		for (const a of texts) {
			if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1) {
				out.push(chart.id + ": '" + a.t + "' outside the chart");
			}
		}
		for (let i = 0; i < texts.length; i++) {
			for (let j = i + 1; j < texts.length; j++) {
				const a = texts[i].r, b = texts[j].r;
				const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
				const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
				if (w > 1 && h > 1) out.push(chart.id + ": '" + texts[i].t + "' × '" + texts[j].t + "'");
			}
		}
	}
	return out;
})()`

// ChartTextCount is how many visible text elements the open page's charts
// draw (axis labels, values, line names), so a test of ChartTextClashes
// can tell an empty chart from a clean one.
const ChartTextCount = `[...document.querySelectorAll('.chart svg text')].filter(t => t.textContent.trim()).length`

// LatinWords lists the runs of three or more Latin letters in the open
// page's visible text, chart text included (script and style excluded), as
// "word in «context»". Public pages are Chinese; AllowedLatin is what may
// appear, and <code> elements are skipped: they hold identifiers that are
// what they are in every language (run ids, the file names a school sent,
// a warehouse table named for analysts).
const LatinWords = `(() => {
	const out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const p = n.parentElement;
		if (!p || p.closest('script, style, noscript, code')) continue;
		if (!p.closest('svg') && p.getClientRects().length === 0) continue;
		for (const m of n.textContent.matchAll(/[A-Za-z]{3,}/g)) {
			out.push(m[0] + ' in «' + n.textContent.trim().slice(0, 60) + '»');
		}
	}
	return out;
})()`

// AllowedLatin are the Latin words a public page may show: the name of
// the spreadsheet program its download links open ("Excel 表格"). File
// names, codes and numbers carry no three-letter runs on public pages.
var AllowedLatin = map[string]bool{"Excel": true}

// StatusColours lists the status cells of the open page (td whose text is
// a status word) whose background differs from the legend chip of the same
// status, as "text: cell colour ≠ chip colour". A page without a legend
// compares against the style sheet's classes drawn on a probe.
const StatusColours = `(() => {
	const words = {'一票否决': 'veto', '未达标': 'fail', '达标': 'ok'};
	const chip = {};
	for (const [w, c] of Object.entries(words)) {
		const s = document.createElement('span');
		s.className = c;
		document.body.appendChild(s);
		chip[w] = getComputedStyle(s).backgroundColor;
		s.remove();
	}
	for (const s of document.querySelectorAll('.legend span')) chip[s.textContent] = getComputedStyle(s).backgroundColor;
	const out = [];
	for (const td of document.querySelectorAll('td')) {
		const w = td.textContent.trim();
		if (chip[w] && getComputedStyle(td).backgroundColor !== chip[w]) {
			out.push(w + ': ' + getComputedStyle(td).backgroundColor + ' ≠ ' + chip[w]);
		}
	}
	return out;
})()`

// A4Content is the width in CSS px of an A4 page's printable area under
// the style sheet's @page margins (210 mm less 2 × 12 mm, at 96 px an
// inch): a page printed in print emulation at this width is what the
// office's printer gets.
const A4Content = 703

// WideTables lists the open page's tables wider than the body or with
// cells cut off inside them, and tables whose header row would not repeat
// on each printed page, as "caption or first header: width px".
const WideTables = `(() => {
	const out = [];
	const room = document.body.getBoundingClientRect().right;
	for (const t of document.querySelectorAll('table')) {
		const name = (t.caption ? t.caption.textContent : (t.querySelector('th') || t).textContent).slice(0, 20);
		const r = t.getBoundingClientRect();
		if (r.right > room + 1 || t.scrollWidth > t.clientWidth + 1) {
			out.push(name + ': ' + Math.round(r.width) + ' px, scroll ' + t.scrollWidth + ' > ' + t.clientWidth + ', room ' + Math.round(room));
		}
		const head = t.tHead;
		if (head && getComputedStyle(head).display !== 'table-header-group') {
			out.push(name + ': header does not repeat (' + getComputedStyle(head).display + ')');
		}
	}
	return out;
})()`

// NameCellsWrapped lists the cells of the open page's 姓名 columns (the
// column whose header reads 姓名) whose text breaks over more than one
// line, as "name (n lines)": a name must read as one word.
const NameCellsWrapped = `(() => {
	const out = [];
	for (const t of document.querySelectorAll('table')) {
		const head = [...t.querySelectorAll('tr:first-child th, thead th')].map(h => h.textContent.trim());
		const at = head.indexOf('姓名');
		if (at < 0) continue;
		for (const tr of t.querySelectorAll('tbody tr, tr')) {
			const td = tr.children[at];
			if (!td || td.tagName !== 'TD' || !td.textContent.trim()) continue;
			const r = document.createRange();
			r.selectNodeContents(td);
			const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
			if (lines > 1) out.push(td.textContent.trim() + ' (' + lines + ' lines)');
		}
	}
	return out;
})()`

// HeaderAlignment lists the columns of the open page's tables whose header
// is aligned unlike the column's cells (a right-aligned header over
// left-aligned names), as "header: th align ≠ td align". Tables whose
// rows have cells spanning columns are skipped.
const HeaderAlignment = `(() => {
	const out = [];
	for (const t of document.querySelectorAll('table')) {
		if (t.querySelector('[colspan], [rowspan]')) continue;
		const ths = [...(t.tHead ? t.tHead.rows[0].cells : (t.rows[0] ? t.rows[0].cells : []))];
		if (!ths.length || ths.some(c => c.tagName !== 'TH')) continue;
		const body = [...t.rows].filter(r => [...r.cells].every(c => c.tagName === 'TD') && r.cells.length === ths.length);
		ths.forEach((th, i) => {
			const cells = body.map(r => r.cells[i]).filter(c => c.textContent.trim());
			if (!cells.length) return;
			const want = getComputedStyle(cells[0]).textAlign;
			if (!cells.every(c => getComputedStyle(c).textAlign === want)) return; // mixed column
			const got = getComputedStyle(th).textAlign;
			const norm = a => a === 'start' ? 'left' : a === 'end' ? 'right' : a;
			if (norm(got) !== norm(want)) out.push(th.textContent.trim() + ': ' + norm(got) + ' ≠ ' + norm(want));
		});
	}
	return [...new Set(out)];
})()`
