/**
 * The portal's one stylesheet, inlined in every page and allowed by its SHA-256 in the
 * Content-Security-Policy (no `unsafe-inline`, no script at all). Colours meet WCAG AA:
 * body text #1b1b1b on white is 17:1, white on the primary #0b4f8a 8.4:1, the error text
 * #8a1111 on #fdeeee 8.6:1; the focus ring is a 3 px outline with an offset, #b34700 on
 * white (5.5:1) and #ffd27a on the header's blue (5.9:1).
 */
import { pageCsp, styleHash } from "../web/shared.js";

export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
a{color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
a:hover{color:#06345c}
:focus-visible{outline:3px solid #b34700;outline-offset:3px}
.skip{position:absolute;left:.5rem;top:-4rem;padding:.5rem 1rem;background:#fff;color:#0b4f8a;border:2px solid #0b4f8a;z-index:10}
.skip:focus,.skip:focus-visible{top:.5rem}
.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;background:#0b4f8a;color:#fff}
.top a{color:#fff}
.top :focus-visible{outline-color:#ffd27a}
.service{margin:0;font-weight:700;font-size:1.15rem}
.badge{margin:0;font-size:.875rem}
.top nav{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.top form{margin:0}
.top button{background:#fff;color:#0b4f8a;border:2px solid #fff}
main{flex:1;width:100%;max-width:48rem;margin:0 auto;padding:1.5rem}
main:focus{outline:none}
h1{font-size:1.75rem;margin:0 0 1rem}
h2{font-size:1.35rem;margin:1.5rem 0 .75rem}
.field{margin:0 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{margin:.25rem 0 .5rem;color:#3d3d3d;font-size:.95rem}
input[type=text],input[type=password]{font:inherit;width:100%;max-width:24rem;padding:.5rem .625rem;border:2px solid #595959;border-radius:4px;color:#1b1b1b;background:#fff}
input[type=text]:focus-visible,input[type=password]:focus-visible{outline:3px solid #b34700;outline-offset:2px;border-color:#1b1b1b}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;border-radius:4px;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button:hover{background:#06345c;border-color:#06345c}
.top button:hover{background:#e8f0f8;color:#06345c}
.notice,.error,.warning,.confirmation-box{border-left:6px solid;padding:.75rem 1rem;margin:0 0 1rem}
.notice{background:#eef5fb;border-color:#0b4f8a}
.error{background:#fdeeee;border-color:#8a1111;color:#8a1111}
.error p,.notice p,.warning p,.confirmation-box p{margin:.25rem 0}
.warning{background:#fff6e0;border-color:#8a5a00;color:#4d3200}
.confirmation-box{background:#f4f4f4;border-color:#1b1b1b}
.confirmation{font-size:1.2rem;font-weight:700;margin:0}
.quota{font-weight:600}
.record{display:grid;grid-template-columns:minmax(10rem,max-content) 1fr;gap:.25rem 1.5rem;margin:0 0 1rem;padding:1rem;border:1px solid #767676;border-radius:4px}
.record>div{display:contents}
.record dt{font-weight:600}
.record dd{margin:0;word-break:break-word}
.account{margin:0 0 .5rem}
.code{font-size:.9rem;color:#3d3d3d}
footer{border-top:1px solid #767676;padding:1rem 1.5rem;font-size:.95rem;color:#3d3d3d}
footer p{margin:.25rem 0}
.attribution{font-weight:600;color:#1b1b1b}
.links{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:1rem 0;padding:0;list-style:none}
input[type=file]{font:inherit;max-width:100%;padding:.375rem;border:2px solid #595959;border-radius:4px}
input[type=file]:focus-visible{outline:3px solid #b34700;outline-offset:2px}
.table-wrap{overflow-x:auto;margin:0 0 1rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;margin-bottom:.25rem}
th,td{border:1px solid #767676;padding:.375rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}
.status-accepted{color:#0d5c1f;font-weight:600}
.status-rejected{color:#8a1111;font-weight:600}
.nik{font-variant-numeric:tabular-nums}
`.trim();

/** `'sha256-…'` of {@link PORTAL_CSS}, for the Content-Security-Policy. */
export const PORTAL_CSS_HASH = styleHash(PORTAL_CSS);

/** The Content-Security-Policy of every portal page: no scripts, no frames, forms to the portal only. */
export const PORTAL_CSP = pageCsp(PORTAL_CSS);
