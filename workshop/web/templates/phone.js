/* The phone page without reloads: forms sent in place, focus kept, drafts kept, live updates with a fallback.
   Every part also works without this script (plain forms, a refresh link, waiting pages that reload). */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !document.querySelector || !window.URLSearchParams) return;
  var first = document.querySelector("main");
  var pageUrl = first.getAttribute("data-page"), eventsUrl = first.getAttribute("data-events");
  var pollUrl = first.getAttribute("data-poll");
  var words = JSON.parse(first.getAttribute("data-words") || "{}");
  var held = null, busy = false, again = false, loadedAt = Date.now(), latest = {}, sending = 0, missed = "";
  var store = (function () { try { return window.sessionStorage; } catch (e) { return null; } })();

  function main() { return document.querySelector("main"); }
  function fill(text, n) { return String(text).replace("{n}", n); }
  // One live region for everything that was just saved or went wrong (it stays when <main> is replaced).
  function announce(text) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 60);
  }

  // ----- drafts: what someone typed survives the room moving on ---------------------------------------------
  function draftKey(step) { return "concept:" + pageUrl + ":" + step; }
  function saveDraft(m) {
    var text = m.querySelector("textarea#text"), form = text && text.form;
    if (!store || !text || (form && form.elements.card)) return;  // an edit of a sent card is no draft
    var step = m.getAttribute("data-step");
    if (text.value.trim()) store.setItem(draftKey(step), text.value); else store.removeItem(draftKey(step));
  }
  function restoreDraft(m) {
    var text = m.querySelector("textarea#text");
    if (!store || !text || text.value || (text.form && text.form.elements.card)) return;
    var kept = store.getItem(draftKey(m.getAttribute("data-step")));
    if (kept) text.value = kept;
  }
  function orphan(text, title) {
    if (store && text.trim()) store.setItem("verweesd:" + pageUrl, JSON.stringify({text: text, title: title}));
  }
  function showOrphan(m) {
    var place = m.querySelector("#concept"), raw = store && store.getItem("verweesd:" + pageUrl);
    if (!place || !raw) return;
    var kept = JSON.parse(raw), box = document.createElement("div");
    box.className = "box warn";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = words.orphan;
    var said = document.createElement("blockquote");
    said.className = "said";
    said.textContent = kept.text;
    box.appendChild(p);
    box.appendChild(said);
    var row = document.createElement("div");
    row.className = "pair";
    var target = m.querySelector("textarea#text");
    if (target) {
      var put = document.createElement("button");
      put.type = "button";
      put.className = "secondary";
      put.textContent = words.put;
      put.addEventListener("click", function () {
        target.value = target.value ? target.value + "\n" + kept.text : kept.text;
        store.removeItem("verweesd:" + pageUrl);
        box.remove();
        saveDraft(main());
        target.focus();
      });
      row.appendChild(put);
    }
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "secondary";
    drop.textContent = words.drop;
    drop.addEventListener("click", function () {
      store.removeItem("verweesd:" + pageUrl);
      box.remove();
      announce(words.dropped);
    });
    row.appendChild(drop);
    box.appendChild(row);
    place.appendChild(box);
  }

  // ----- replacing the page in place -------------------------------------------------------------------------
  function typing(m) {
    var el = document.activeElement;
    return el && m.contains(el) && (el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  }
  // A fetched page as a document to take <main> from; its <style> (with another nonce) left out, or the
  // browser reports it as a CSP violation.
  function parse(html) {
    return new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/, ""), "text/html");
  }
  // Replace <main> with a fresh one: keep what someone is typing, keep focus where it was.
  function swap(html, focusId, fromForm) {
    var doc = parse(html);
    var fresh = doc.querySelector("main"), old = main();
    if (!fresh || !old) return;
    var same = fresh.getAttribute("data-step") === old.getAttribute("data-step");
    if (same && typing(old) && !focusId) { held = html; return; }
    var active = document.activeElement;
    focusId = focusId || (active && old.contains(active) && active.id) || "";
    var text = old.querySelector("textarea#text");
    if (same) {
      old.querySelectorAll("textarea[id], select[id]").forEach(function (el) {
        var twin = fresh.querySelector(el.tagName.toLowerCase() + "#" + el.id);
        if (twin && el.value && !twin.value) twin.value = el.value;
      });
      // A live update of the same step keeps what the last form was told ("Verstuurd", "Niet opgeslagen");
      // the answer to a new form brings its own.
      if (!fromForm) {
        old.querySelectorAll("[data-notice]").forEach(function (note) {
          var twin = note.id && fresh.querySelector("#" + note.id);
          if (twin) twin.replaceWith(note.cloneNode(true));
          else fresh.insertBefore(note.cloneNode(true), fresh.querySelector("h1") || null);
        });
      }
    } else if (text && text.value.trim() && !(text.form && text.form.elements.card)) {
      orphan(text.value, old.getAttribute("data-step-title"));  // the room moved on while this was typed
      if (store) store.removeItem(draftKey(old.getAttribute("data-step")));
    }
    held = null;  // anything held back is older than this page
    old.replaceWith(document.importNode(fresh, true));
    loadedAt = Date.now();  // the time left it carries was counted just now, not when the page first loaded
    document.title = doc.title;
    if (location.pathname + location.search !== pageUrl) history.replaceState(null, "", pageUrl);
    enhance();
    refocus(focusId);
  }
  // Back where the person was: the same control, or the nearest one that still makes sense.
  function refocus(id) {
    if (!id) return;
    var m = main(), el = document.getElementById(id);
    if ((!el || el.disabled) && /^(add|remove)-/.test(id)) {
      var item = id.replace(/^(add|remove)-/, "");
      el = [document.getElementById("add-" + item), document.getElementById("remove-" + item)]
        .filter(function (b) { return b && !b.disabled; })[0] || document.getElementById("label-" + item);
      if (el && el.tagName === "P") el.setAttribute("tabindex", "-1");
    }
    if (el && m.contains(el)) el.focus({preventScroll: false});
  }
  document.addEventListener("focusout", function () {
    setTimeout(function () { if (held && !typing(main())) { var h = held; held = null; swap(h); } }, 50);
  });
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(pageUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) swap(html); })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  function offline(m) {
    var box = m.querySelector("#melding");
    if (!box) {
      box = document.createElement("div");
      box.className = "box error";
      box.id = "melding";
      box.setAttribute("role", "alert");
      var h1 = m.querySelector("h1");
      m.insertBefore(box, h1 || m.firstChild);
    }
    box.textContent = words.offline;
    announce(words.offline);
  }
  function post(form, body, then) {
    sending += 1;
    return fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) { return r.text().then(function (html) { then(r, html); }); })
      .catch(function () { form.removeAttribute("data-sent"); offline(main()); })
      .then(function () {
        sending -= 1;
        if (sending || !missed) return;
        var mark = missed;
        missed = "";
        if (!shows(mark)) refresh();
      });
  }
  function say(fieldset, text, bad) {
    var p = fieldset.querySelector(".state");
    if (p) { p.textContent = text; p.className = bad ? "state bad" : "state"; }
  }

  function enhance() {
    var m = main();
    restoreDraft(m);
    showOrphan(m);
    var text = m.querySelector("textarea#text");
    if (text) text.addEventListener("input", function () { saveDraft(main()); });
    m.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (form.getAttribute("data-sent")) { e.preventDefault(); return; }
        form.setAttribute("data-sent", "1");
        setTimeout(function () { form.removeAttribute("data-sent"); }, 4000);
      });
    });
    // A card is sent in place: with the laptop out of reach, the text stays and the page says so.
    m.querySelectorAll("form.send").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (e.defaultPrevented) return;
        e.preventDefault();
        var step = m.getAttribute("data-step");
        post(form, new URLSearchParams(new FormData(form)), function (r, html) {
          form.removeAttribute("data-sent");
          var stored = r.ok && /[?&]ok=(card|edited)/.test(r.url);
          if (stored && store) store.removeItem(draftKey(step));
          var area = main().querySelector("textarea#text");
          if (stored && area) area.value = "";  // sent: the draft is no longer a draft
          swap(html, stored ? "" : "text", true);
          var box = main().querySelector("#melding, .box.warn, .box.ok");
          if (box) announce(box.textContent.replace(/\s+/g, " ").trim());
          if (stored && !main().querySelector(".box.warn")) { var t = document.getElementById("text"); if (t) t.focus(); }
        });
      });
    });
    // Dots are placed in place: the list stays where it was, and so does the focus.
    m.querySelectorAll("form.vote button").forEach(function (button) {
      button.addEventListener("click", function (e) {
        var form = button.form, body = new URLSearchParams(new FormData(form));
        e.preventDefault();
        if (form.getAttribute("data-sent")) return;
        form.setAttribute("data-sent", "1");
        body.append(button.name, button.value);
        var id = button.id;
        post(form, body, function (r, html) {
          swap(html, id, true);
          var box = main().querySelector("#melding"), left = main().querySelector("#stippen");
          if (!r.ok && box) announce(box.textContent.trim());
          else if (left) announce((button.value === "add" ? words.dotAdded : words.dotRemoved) + " " + left.textContent);
        });
      });
    });
    // Ratings save as soon as an answer is chosen; the button stays for phones without JavaScript.
    m.querySelectorAll("form.rate input[type=radio]").forEach(function (input) {
      input.addEventListener("change", function () {
        var form = input.form, fieldset = input.closest("fieldset"), body = new URLSearchParams();
        ["csrf", "step"].forEach(function (n) { body.append(n, form.elements[n].value); });
        body.append(input.name, input.value);
        say(fieldset, words.busy, false);
        var legend = fieldset.querySelector("legend"), label = input.parentNode.textContent.trim();
        var number = legend ? legend.textContent.trim().match(/^\d+\./) : null;
        // Quick arrow keys send several answers; only the newest one's page is shown (an older one would
        // move the choice and the focus back).
        var mine = (latest[fieldset.id] || 0) + 1;
        latest[fieldset.id] = mine;
        fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
          .then(function (r) {
            return r.text().then(function (html) {
              if (latest[fieldset.id] !== mine) return;
              if (r.ok) {
                swap(html, input.id, true);
                say(document.getElementById(fieldset.id) || fieldset, "✓ " + words.saved, false);
                announce(words.saved + ": " + (number ? number[0] + " " : "") + label);
                return;
              }
              var box = parse(html).querySelector("[role=alert]");
              var why = box ? box.textContent.trim() : words.offline;
              say(fieldset, why, true);
              announce(why);
            });
          })
          .catch(function () { say(fieldset, words.offline, true); announce(words.offline); });
      });
    });
    clock();
  }

  // ----- time left in the step ----------------------------------------------------------------------------------
  function clock() {
    var m = main(), el = m.querySelector("#klok"), remaining = m.getAttribute("data-remaining");
    if (!el || remaining === null) return;
    var left = Number(remaining) - (Date.now() - loadedAt) / 1000;
    var minutes = Math.ceil(left / 60);
    el.textContent = left <= 0 ? words.over : minutes === 1 ? words.minute : fill(words.minutes, minutes);
  }
  setInterval(clock, 15000);

  // ----- live updates: a stream, or polling when the server has no room for one -------------------------------
  var conn = document.getElementById("verbinding"), source = null, pollTimer = null;
  function status(text, lost) {
    if (!conn) return;
    conn.hidden = false;
    conn.textContent = text;
    conn.className = lost ? "conn lost" : "conn";
  }
  function since() { return main().getAttribute("data-since"); }
  function poll() {
    fetch(pollUrl + "?v=" + encodeURIComponent(since()), {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (stale) { status(words.polling, false); if (stale.trim() === "1") refresh(); })
      .catch(function () { status(words.lost, true); });
  }
  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(poll, 4000 + Math.floor(Math.random() * 2000));
  }
  function stopPolling() { if (pollTimer) { clearInterval(pollTimer); pollTimer = null; } }
  function progress(e) {
    var el = main().querySelector("#voortgang"), parts = String(e.data).split(" ");
    if (!el || parts.length !== 2) return;
    var key = {voted: "voted", answered: "answered", sent: "sent"}[el.getAttribute("data-what")];
    if (key) el.textContent = words[key].replace("{n}", parts[0]).replace("{total}", parts[1]);
  }
  // A change this page already shows needs no new page: the answer to the phone's own form (a page itself)
  // usually shows the change it made, and the news of it arrives while that answer is on its way.
  function shows(mark) {
    var mine = String(since() || ""), at = mark.lastIndexOf("."), own = mine.lastIndexOf(".");
    return at > 0 && own > 0 && mark.slice(0, at) === mine.slice(0, own) &&
      Number(mark.slice(at + 1)) <= Number(mine.slice(own + 1));
  }
  function changed(e) {
    var mark = String(e.lastEventId || "");
    if (sending) { missed = mark; return; }  // looked at once the form's answer is in
    if (!shows(mark)) refresh();
  }
  function connect() {
    if (!window.EventSource || !eventsUrl) { startPolling(); return; }
    var lost = false;
    source = new EventSource(eventsUrl + "?v=" + encodeURIComponent(since()));
    source.addEventListener("changed", changed);
    source.addEventListener("progress", progress);
    source.onopen = function () {
      stopPolling();
      status(words.live, false);
      if (lost) { lost = false; refresh(); }
    };
    source.onerror = function () {
      lost = true;
      if (source.readyState === 2) {  // CLOSED: the server refused the stream; poll, and ask again later
        source.close();
        startPolling();
        setTimeout(connect, 20000 + Math.floor(Math.random() * 20000));
      } else {
        status(words.lost, true);  // the browser reconnects by itself
      }
    };
  }
  // The address keeps no "?ok=" or "?j=": a reload never repeats an old confirmation.
  if (location.search) history.replaceState(null, "", pageUrl + location.hash);
  enhance();
  connect();
})();
