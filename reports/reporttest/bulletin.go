package reporttest

// BulletinLines lists the school lines of an open bulletin page (the table
// whose header has 辍学率状态) as "学校名称|学段|学年辍学率|辍学率状态|rate
// background|status background", the backgrounds as the browser computed
// them, so a test sees the colour a reader sees.
const BulletinLines = `Array.from(document.querySelectorAll('table')).filter(t =>
	Array.from(t.querySelectorAll('th')).some(h => h.textContent === '辍学率状态')
).flatMap(t => {
	const head = Array.from(t.querySelectorAll('thead th')).map(h => h.textContent);
	const at = name => head.indexOf(name);
	return Array.from(t.querySelectorAll('tbody tr')).map(r => {
		const c = r.querySelectorAll('td');
		const bg = i => getComputedStyle(c[i]).backgroundColor;
		return [c[at('学校名称')].textContent, c[at('学段')].textContent, c[at('学年辍学率')].textContent,
			c[at('辍学率状态')].textContent, bg(at('学年辍学率')), bg(at('辍学率状态'))].join('|');
	});
})`

// VetoListed is the text of an open bulletin page's list of vetoed
// schools, each name wrapped in a red .veto span ("" without the list).
const VetoListed = `Array.from(document.querySelectorAll('.veto-list span.veto')).map(s =>
	s.textContent + '|' + getComputedStyle(s).backgroundColor).join('、')`

// VetoRed is the background the style sheet gives a vetoed figure
// (.veto, #fde2e1), as the browser reports it.
const VetoRed = "rgb(253, 226, 225)"
