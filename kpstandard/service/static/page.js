"use strict";
// The verification page: send the document's exact bytes to /v1/inspect, show the verdict first,
// then the findings, the signer and its trust-list entry, and the document laid out as the form.
(function () {
  const $ = (id) => document.getElementById(id);
  const WORDS = {
    "valid": "Valid",
    "invalid": "Invalid",
    "not-judged": "Not judged: the document could not be fully checked",
  };
  const STATUS = {
    "issued": "In force",
    "void": "VOID",
    "replaced": "REPLACED",
    "lost": "Reported LOST",
    "stolen": "Reported STOLEN",
    "withdrawn": "WITHDRAWN",
    "unknown": "UNKNOWN to its issuing registry",
    "changed": "Its status has changed",
    "not-judged": "Not judged: its date of issue is not anchored",
    "not-checked": "Not checked: no status notice or status response was given",
  };
  let lastBytes = null;

  function showStatus(status) {
    const node = $("status");
    node.replaceChildren();
    node.className = "status";
    if (!status) return;
    node.classList.add(status.status);
    let words = "Status: " + (STATUS[status.status] || status.status);
    if (status.replacedBy) words += ", replaced by " + status.replacedBy;
    if (status.since) words += ", since " + status.since;
    node.append(text("strong", words));
    if (status.saidBy) node.append(" (" + status.saidBy + ")");
    if (status.code) node.append(" ", text("code", status.code));
  }

  function text(tag, value) {
    const node = document.createElement(tag);
    node.textContent = value;
    return node;
  }

  function show(result) {
    $("result").hidden = false;
    const verdict = $("verdict");
    verdict.className = "verdict " + result.verdict.replace(" ", "-");
    verdict.textContent = WORDS[result.verdict] || result.verdict;
    showStatus(result.status);
    const list = $("findings");
    list.replaceChildren();
    for (const finding of result.findings || []) {
      const item = document.createElement("li");
      item.append(text("code", finding.code), " " + finding.message);
      if (finding.location) item.append(" (at ", text("span", finding.location), ")");
      list.append(item);
    }
    for (const layer of result.layers || []) {
      if (layer.reason) list.append(text("li", layer.layer + ": " + layer.reason));
    }
    const signer = $("signer");
    signer.replaceChildren();
    if (result.signer) {
      signer.append(text("p", "Signed by (as the document says): " + result.signer.subject));
      for (const entry of result.signer.listedAs || []) {
        signer.append(text("p", "Trust list entry: " + entry.participant + " / " +
          entry.authority + ", valid from " + entry.validFrom +
          (entry.validUntil ? " until " + entry.validUntil : "")));
      }
      if (result.trustList) signer.append(text("p", "Trust list issue " + result.trustList.sequence));
    } else if (result.mode === "validate") {
      signer.append(text("p", "Not verified: only the content was checked (no signature, " +
        "or no trust list configured)."));
    }
    $("printout").replaceChildren();
    if (result.payload) $("printout").append(text("p", "QR payload of a printout: " + result.payload));
    // The layout is HTML made by the service from the model, with every value escaped.
    $("layout").innerHTML = result.layout || "";
    verdict.focus && verdict.setAttribute("tabindex", "-1");
  }

  function fail(message) {
    show({verdict: "not-judged", findings: [], layers: [{layer: "service", reason: message}]});
  }

  function base64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function fileBytes(file) {
    return new Uint8Array(await file.arrayBuffer());
  }

  // The document alone, or a bundle with the status evidence and the confirmed certificate.
  async function requestBody(bytes) {
    const evidence = [...$("evidence").files];
    const confirmed = $("confirmed").files[0];
    if (!evidence.length && !confirmed) {
      return {body: bytes, type: "application/octet-stream"};
    }
    const bundle = {document: base64(bytes)};
    if (evidence.length) {
      bundle.statusEvidence = [];
      for (const file of evidence) bundle.statusEvidence.push(base64(await fileBytes(file)));
    }
    if (confirmed) bundle.certificate = base64(await fileBytes(confirmed));
    return {body: JSON.stringify(bundle), type: "application/vnd.kpstandard.bundle+json"};
  }

  async function check(bytes) {
    lastBytes = bytes;
    try {
      const when = $("when").value.trim();
      const query = when ? "?verificationTime=" + encodeURIComponent(when) : "";
      const request = await requestBody(bytes);
      const response = await fetch("/v1/inspect" + query, {method: "POST", body: request.body,
        headers: {"Content-Type": request.type}});
      const body = await response.json();
      if (!response.ok) return fail(body.error ? body.error.code + ": " + body.error.message
        : "HTTP " + response.status);
      show(body);
    } catch (error) {
      fail("the service could not be reached (" + error + ")");
    }
  }

  async function checkPrintout(payload) {
    if (!lastBytes) return fail("load the digital document first, then scan its printout");
    const response = await fetch("/v1/verify-print?payload=" + encodeURIComponent(payload),
      {method: "POST", body: lastBytes});
    const body = await response.json();
    $("printout").replaceChildren(text("p", body.matches
      ? "The printout matches this digital document (" + payload + ")."
      : "The printout does NOT match: " + (body.problems || []).join("; ")));
  }

  async function scan() {
    const video = $("camera");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}});
      video.srcObject = stream; video.hidden = false; await video.play();
      const detector = new window.BarcodeDetector({formats: ["qr_code"]});
      for (let i = 0; i < 600; i++) {
        const codes = await detector.detect(video);
        if (codes.length) { await checkPrintout(codes[0].rawValue); break; }
        await new Promise((r) => setTimeout(r, 100));
      }
      stream.getTracks().forEach((t) => t.stop()); video.hidden = true;
    } catch (error) {
      fail("the camera could not be used (" + error + ")");
    }
  }

  async function fromFile(file) {
    if (file) await check(new Uint8Array(await file.arrayBuffer()));
  }

  $("when").value = new URLSearchParams(location.search).get("verificationTime") || "";
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault(); drop.classList.remove("over"); fromFile(e.dataTransfer.files[0]);
  });
  drop.addEventListener("click", () => $("file").click());
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file").click(); }
  });
  $("file").addEventListener("change", (e) => fromFile(e.target.files[0]));
  // Evidence or a confirmed certificate given after the document: check the document again.
  for (const id of ["evidence", "confirmed"]) {
    $(id).addEventListener("change", () => { if (lastBytes) check(lastBytes); });
  }
  $("check").addEventListener("click", () => check(new TextEncoder().encode($("paste").value)));
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    $("scan").hidden = false;
    $("scan").addEventListener("click", scan);
  }
})();
