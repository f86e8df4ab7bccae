/**
 * Styles of the row chips and of the tooltip. Each chip host is its own shadow root sharing one constructed
 * stylesheet; the `:host` rules are `!important` because a shadow tree's important declarations win over
 * any the page could aim at the host, so page CSS can neither restyle the chips nor be changed by them.
 * Colours are opaque and paired with words and symbols, so they read on light and dark ad-manager themes.
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

export const CHIP_CSS = `
:host {
  all: initial !important;
  display: inline-block !important;
  /* The row's name keeps at least 40 % of its cell: the chips wrap first. */
  max-width: 60% !important;
  margin-inline-start: 6px !important;
  vertical-align: middle !important;
  white-space: nowrap !important;
  font: 500 11px/14px ${FONT} !important;
  color-scheme: light !important;
  pointer-events: auto !important;
}
/* Overlay fit: the host takes no room. An empty inline box without a font size adds no height to its line,
   and a line holding nothing else has none; the compact chip inside is out of flow. */
:host([data-fit='overlay']) {
  display: inline !important;
  position: relative !important;
  max-width: none !important;
  margin: 0 !important;
  font-size: 0 !important;
  line-height: 0 !important;
  vertical-align: baseline !important;
}
/* In a flex or grid cell even an empty box would be an item (gaps, alignment): out of flow there. */
:host([data-fit='overlay'][data-out-of-flow]) {
  display: block !important;
  position: absolute !important;
  width: 0 !important;
  height: 0 !important;
}
/* Float fit (a cell that clips what is put into it, or a table moved by transform): the host takes no room
   in the page, fixed at the viewport's origin; the chip layer moves its chips over the cell (transform on
   .chips) every frame the cell moves, and hides them wherever the cell is not seen. Above the table, below
   the page's own popovers and dialogs (which use higher z-indexes). */
:host([data-fit='float']) {
  display: block !important;
  position: fixed !important;
  left: 0 !important;
  top: 0 !important;
  width: 0 !important;
  height: 0 !important;
  max-width: none !important;
  margin: 0 !important;
  z-index: 999 !important;
}
/* In a narrow cell the chips wrap onto a second line rather than being cut off. */
.chips {
  display: inline-flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 2px 3px;
  max-width: 100%;
  vertical-align: middle;
  font: 500 11px/14px ${FONT};
}
:host([data-fit='overlay']) .chips {
  display: block;
  position: absolute;
  left: 0;
  top: 0;
  width: 0;
  height: 0;
}
:host([data-fit='float']) .chips {
  position: absolute;
  left: 0;
  top: 0;
  max-width: none;
  flex-wrap: nowrap;
  visibility: hidden;
}
:host([data-fit='float'][data-placed]) .chips { visibility: visible; }
.chip,
.sum {
  display: inline-flex;
  align-items: center;
  gap: 3px;
  height: 16px;
  box-sizing: border-box;
  padding: 0 5px;
  border: 1px solid;
  border-radius: 8px;
  cursor: pointer;
  outline: none;
}
:host(:not([data-fit='inline'])) .chip,
:host([data-fit='inline']) .sum { display: none; }
/* Laid over the cell's text: a small round badge lifted off it, hidden until measured into place. */
.sum {
  position: absolute;
  left: 0;
  top: 0;
  width: 16px;
  padding: 0;
  justify-content: center;
  font-weight: 700;
  white-space: nowrap;
  box-shadow: 0 0 0 1px #ffffff, 0 1px 3px rgba(0, 0, 0, 0.25);
  visibility: hidden;
}
:host([data-placed]) .sum { visibility: visible; }
/* Under the name (a cell with room below a name the chips would squeeze): every chip on one line of its own,
   out of flow, hidden until measured into place. */
:host([data-fit='overlay'][data-below]) .chips {
  display: inline-flex;
  flex-wrap: nowrap;
  width: auto;
  height: auto;
  white-space: nowrap;
  visibility: hidden;
}
:host([data-fit='overlay'][data-below][data-placed]) .chips { visibility: visible; }
:host([data-fit='overlay'][data-below]) .chip { display: inline-flex; }
:host([data-fit='overlay'][data-below]) .sum { display: none; }
/* A floating host shows every chip (also while they are measured) or only the compact one, in flow. */
:host([data-fit='float']:not([data-float='compact'])) .chip { display: inline-flex; }
:host([data-fit='float']:not([data-float='compact'])) .sum { display: none; }
:host([data-fit='float'][data-float='compact']) .sum { position: static; }
.chip:focus-visible,
.sum:focus-visible { outline: 2px solid #1a56db; outline-offset: 1px; }
.k { font-weight: 700; }
/* Read out, not shown. */
.vh {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.v { font-variant-numeric: tabular-nums; }
.s { font-weight: 600; }
[data-status='on-track'] { background: #e3f4e8; color: #0b4f25; border-color: #7cc495; }
[data-status='at-risk'] { background: #fff1cc; color: #5c3b00; border-color: #e0aa2e; }
[data-status='off-track'] { background: #fde3e3; color: #7f1010; border-color: #e58a8a; }
[data-status='unknown'] { background: #eceff3; color: #2f3642; border-color: #b7bec9; }
[data-status='flag'] { background: #7f1010; color: #ffffff; border-color: #7f1010; cursor: help; }
.sum[data-flagged]::after {
  content: '';
  position: absolute;
  top: -3px;
  right: -3px;
  width: 6px;
  height: 6px;
  border-radius: 50%;
  background: #7f1010;
  box-shadow: 0 0 0 1px #ffffff;
}
[data-status='none'] { background: #f6f7f9; color: #2f3642; border-color: #cfd4db; }
`;

export const TOOLTIP_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 auto auto 0 !important;
  width: 0 !important;
  height: 0 !important;
  z-index: 2147483647 !important;
  pointer-events: none !important;
}
.tip {
  position: fixed;
  inset: auto;
  margin: 0;
  max-width: min(420px, calc(100vw - 16px));
  box-sizing: border-box;
  padding: 6px 8px;
  border: 1px solid #4b5563;
  border-radius: 6px;
  background: #111827;
  color: #f9fafb;
  font: 400 12px/16px ${FONT};
  /* A compact chip's tooltip has one line per KPI. */
  white-space: pre-line;
  overflow-wrap: anywhere;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
  pointer-events: none;
  color-scheme: dark;
}
.tip[hidden] { display: none; }
`;

/** The target editor opened from a chip: a small form in the top layer, in the page's light theme or dark. */
export const EDITOR_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 auto auto 0 !important;
  width: 0 !important;
  height: 0 !important;
  z-index: 2147483647 !important;
}
.editor {
  position: fixed;
  inset: auto;
  margin: 0;
  width: 300px;
  box-sizing: border-box;
  padding: 10px 12px 12px;
  border: 1px solid #9ca3af;
  border-radius: 8px;
  background: #ffffff;
  color: #111827;
  font: 400 12px/16px ${FONT};
  box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
  color-scheme: light;
}
.editor[hidden] { display: none; }
h2 { margin: 0 0 2px; font: 700 13px/18px ${FONT}; }
.who { margin: 0 0 8px; color: #4b5563; overflow-wrap: anywhere; }
.grid { display: grid; grid-template-columns: auto 1fr; gap: 6px 8px; align-items: center; }
label { font-weight: 600; }
select, input { font: inherit; color: inherit; background: #ffffff; border: 1px solid #6b7280; border-radius: 4px;
  padding: 3px 5px; min-width: 0; box-sizing: border-box; width: 100%; }
input[aria-invalid='true'] { border-color: #b91c1c; }
.unit { color: #4b5563; }
.value { display: flex; gap: 4px; align-items: center; }
.note { margin: 8px 0 0; color: #4b5563; }
.error { margin: 8px 0 0; color: #b91c1c; font-weight: 600; }
.error[data-kind='info'] { color: #4b5563; font-weight: 400; }
.error:empty, .note:empty { display: none; }
.buttons { display: flex; gap: 6px; justify-content: flex-end; margin-top: 10px; }
button { font: 600 12px/16px ${FONT}; padding: 4px 10px; border-radius: 4px; border: 1px solid #6b7280;
  background: #ffffff; color: #111827; cursor: pointer; }
button[type='submit'] { background: #1a56db; border-color: #1a56db; color: #ffffff; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #1a56db; outline-offset: 1px; }
`;
