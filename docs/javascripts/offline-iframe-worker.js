/* The offline copy's search, for pages opened from disk. Loaded only by the offline build
 * (mkdocs-offline.yml lists it in extra.polyfills); on a served site it does nothing.
 *
 * Material's search runs in a Web Worker, and a browser will not start a worker from a file://
 * page. This stands in for `Worker` there: it runs the worker's script in a hidden iframe of the
 * same page (a blank iframe shares the page's origin, so it may) and passes the messages across,
 * later, as a real worker would. Material's offline plugin would load a shim that does the same
 * from unpkg.com instead, which an offline copy cannot reach; the plugin adds it unless a polyfill
 * with "iframe-worker" in its name is listed, hence this file's name.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  function later(fn) { setTimeout(fn, 0); }

  function IframeWorker(url) {
    var worker = this, ready = false, waiting = [];
    var events = document.createElement("span");  /* any node: an EventTarget for the listeners */
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.title = "Search";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    /* What the worker's script sees as its global scope: its postMessage answers the page. */
    scope.postMessage = function (data) {
      var copy = structuredClone(data);
      later(function () {
        var event = new MessageEvent("message", { data: copy });
        if (typeof worker.onmessage === "function") worker.onmessage(event);
        events.dispatchEvent(event);
      });
    };
    scope.importScripts = function () {
      throw new Error("importScripts is not available in the offline search worker");
    };

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.dispatchEvent = events.dispatchEvent.bind(events);
    this.postMessage = function (data) {
      var copy = structuredClone(data);
      if (!ready) { waiting.push(copy); return; }
      later(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: copy })); });
    };
    this.terminate = function () { frame.remove(); };

    var script = scope.document.createElement("script");
    script.src = new URL(url, location.href).href;
    script.onload = function () {
      ready = true;
      waiting.splice(0).forEach(function (data) {
        later(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: data })); });
      });
    };
    script.onerror = function () {
      var event = new Event("error");
      if (typeof worker.onerror === "function") worker.onerror(event);
      events.dispatchEvent(event);
    };
    scope.document.head.appendChild(script);
  }

  window.Worker = IframeWorker;
})();
