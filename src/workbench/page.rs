//! The workbench's page, in the catalog's words, and its one small script:
//! workbooks dropped onto the page or chosen with the file dialog are
//! checked at once (the messages `import` gives, at their cells), then
//! imported on request; replacing files needs its box ticked. A folder
//! named is published (built, then verified) or verified.

use super::Response;
use crate::docx::xml::escape;

/// The page, holding the run's token for its script.
pub fn main(token: &str, status: &str) -> Response {
    let t = |key: &str| escape(&crate::i18n::text(key, &[]));
    let lang = match crate::i18n::current() {
        crate::i18n::Lang::Zh => "zh-CN",
        crate::i18n::Lang::En => "en",
    };
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="kaoping-token" content="{token}">
<script src="{root}bench.js" defer></script>
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}}#drop{{border:2px dashed #888;padding:2em;text-align:center}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .4em;vertical-align:top}}pre{{white-space:pre-wrap;background:#f4f4f4;padding:1em}}pre[data-state=failed]{{border-left:4px solid #c00}}pre[data-state=ok]{{border-left:4px solid #080}}</style>
</head><body>
<h1>{title}</h1>
<p><a href="/">{site}</a></p>
{status}<section><h2>{forms}</h2>
<p>{forms_help}</p>
<p><label>{folder} <input type="text" id="forms-folder" size="40" value="forms"></label> <button type="button" id="forms">{forms_button}</button></p>
<pre id="forms-result" data-state=""></pre>
<p id="forms-zip" hidden><a href="{root}forms.zip" download="forms.zip">{forms_zip}</a></p>
</section>
<section><h2>{import}</h2>
<p>{help}</p>
<div id="drop">{drop}</div>
<p><label>{choose} <input type="file" id="files" multiple accept=".xlsx,.xls,.ods,.zip"></label></p>
<p id="chosen"></p>
<p><button type="button" id="check">{check}</button></p>
<p><label><input type="checkbox" id="replace"> {replace}</label></p>
<p><button type="button" id="import">{import_button}</button></p>
<pre id="result" data-state=""></pre>
</section>
<section><h2>{publish}</h2>
<p>{publish_help}</p>
<p><label>{folder} <input type="text" id="publish-folder" size="40"></label> <button type="button" id="publish">{publish_button}</button></p>
<pre id="publish-result" data-state=""></pre>
<p id="published" hidden><a href="{root}published/index.html">{site_link}</a> · <a href="{root}published/report.html">report.html</a> · <a href="{root}published/results.xlsx">results.xlsx</a></p>
</section>
<section><h2>{verify}</h2>
<p>{verify_help}</p>
<p><label>{folder} <input type="text" id="verify-folder" size="40"></label> <button type="button" id="verify">{verify_button}</button></p>
<pre id="verify-result" data-state=""></pre>
</section>
</body></html>
"#,
        title = t("bench.title"),
        root = super::ROOT,
        site = t("bench.site"),
        status = status,
        import = t("bench.import"),
        help = t("bench.import-help"),
        drop = t("bench.drop"),
        choose = t("bench.choose"),
        check = t("bench.check"),
        replace = t("bench.replace"),
        import_button = t("bench.import-button"),
        forms = t("bench.forms"),
        forms_help = t("bench.forms-help"),
        forms_button = t("bench.forms-button"),
        forms_zip = t("bench.forms-zip"),
        publish = t("bench.publish"),
        publish_help = t("bench.publish-help"),
        folder = t("bench.folder"),
        publish_button = t("bench.publish-button"),
        site_link = t("bench.site-link"),
        verify = t("bench.verify"),
        verify_help = t("bench.verify-help"),
        verify_button = t("bench.verify-button"),
    );
    Response { status: 200, kind: "text/html; charset=utf-8", body: body.into_bytes() }
}

/// The script: keeps the workbooks chosen last, sends them framed as
/// `upload` reads them, with the token, and shows the answer as text.
pub const SCRIPT: &str = r#""use strict";
(function () {
  var token = document.querySelector('meta[name="kaoping-token"]').content;
  var chosen = [];
  var out = document.getElementById("result");
  function send(action) {
    var enc = new TextEncoder(), parts = [];
    chosen.forEach(function (f) {
      var name = enc.encode(f.name);
      parts.push(enc.encode(name.length + ":" + f.size + "\n"), name, f);
    });
    var q = action === "import" && document.getElementById("replace").checked ? "?replace=1" : "";
    out.textContent = "";
    out.dataset.state = "busy";
    fetch("/_kaoping/" + action + q, { method: "POST", headers: { "X-Kaoping-Token": token }, body: new Blob(parts) })
      .then(function (r) {
        return r.text().then(function (t) { out.textContent = t; out.dataset.state = r.ok ? "ok" : "failed"; });
      }, function (e) { out.textContent = String(e); out.dataset.state = "failed"; });
  }
  function named(action, field, shown, done) {
    var result = document.getElementById(shown);
    result.textContent = "";
    result.dataset.state = "busy";
    var body = document.getElementById(field).value;
    fetch("/_kaoping/" + action, { method: "POST", headers: { "X-Kaoping-Token": token }, body: body })
      .then(function (r) {
        return r.text().then(function (t) { result.textContent = t; result.dataset.state = r.ok ? "ok" : "failed"; done(r.ok); });
      }, function (e) { result.textContent = String(e); result.dataset.state = "failed"; done(false); });
  }
  document.getElementById("publish").addEventListener("click", function () {
    named("publish", "publish-folder", "publish-result", function (ok) {
      document.getElementById("published").hidden = !ok;
      if (ok) document.getElementById("verify-folder").value = document.getElementById("publish-folder").value;
    });
  });
  document.getElementById("forms").addEventListener("click", function () {
    named("forms", "forms-folder", "forms-result", function (ok) { document.getElementById("forms-zip").hidden = !ok; });
  });
  document.getElementById("verify").addEventListener("click", function () {
    named("verify", "verify-folder", "verify-result", function () {});
  });
  function take(list) {
    chosen = Array.prototype.slice.call(list);
    document.getElementById("chosen").textContent = chosen.map(function (f) { return f.name; }).join(" ");
    if (chosen.length) send("check");
  }
  var drop = document.getElementById("drop");
  drop.addEventListener("dragover", function (e) { e.preventDefault(); });
  drop.addEventListener("drop", function (e) { e.preventDefault(); take(e.dataTransfer.files); });
  document.getElementById("files").addEventListener("change", function () { take(this.files); });
  document.getElementById("check").addEventListener("click", function () { send("check"); });
  document.getElementById("import").addEventListener("click", function () { send("import"); });
})();
"#;
