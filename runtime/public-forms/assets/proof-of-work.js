/* Proof of work for a public form (served as a file: the page allows no inline script). It finds a nonce such that
   SHA-256(token + nonce) starts with the form's number of zero bits, a few thousand tries at a time so the page stays
   responsive, puts it into the form, and holds a submission back until it has one. Nothing leaves the page. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-proof-bits]');
  if (!form) return;
  var bits = Number(form.getAttribute('data-proof-bits'));
  var token = form.elements.namedItem('_token').value;
  var field = form.elements.namedItem('_proof');
  var status = document.getElementById('proof-status');
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
    0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
    0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
    0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];
  var w = new Int32Array(64);

  /** One SHA-256 compression of the 16 words in w[0..15] into the state h. */
  function compress(h) {
    var i, x, y;
    for (i = 16; i < 64; i++) {
      x = w[i - 15];
      y = w[i - 2];
      w[i] =
        (w[i - 16] +
          (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
          w[i - 7] +
          (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) |
        0;
    }
    var a = h[0],
      b = h[1],
      c = h[2],
      d = h[3],
      e = h[4],
      f = h[5],
      g = h[6],
      k = h[7];
    for (i = 0; i < 64; i++) {
      var t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + k) | 0;
  }

  /** Loads 64 bytes (ASCII text, then the given extra bytes) into w[0..15]. */
  function load(bytes, from) {
    for (var i = 0; i < 16; i++) {
      var j = from + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
  }

  // The token's whole 64-byte blocks are the same for every nonce: hashed once.
  var full = Math.floor(token.length / 64);
  var start = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var tokenBytes = [];
  for (var i = 0; i < token.length; i++) tokenBytes.push(token.charCodeAt(i) & 0xff);
  for (var b = 0; b < full; b++) {
    load(tokenBytes, b * 64);
    compress(start);
  }
  var rest = tokenBytes.slice(full * 64);
  var state = new Int32Array(8);

  /** The first word of SHA-256(token + nonce). */
  function firstWord(nonce) {
    var bytes = rest.slice();
    for (var i = 0; i < nonce.length; i++) bytes.push(nonce.charCodeAt(i));
    var bitLength = (token.length + nonce.length) * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    bytes.push(0, 0, 0, 0, (bitLength >>> 24) & 0xff, (bitLength >>> 16) & 0xff, (bitLength >>> 8) & 0xff, bitLength & 0xff);
    state.set(start);
    for (var at = 0; at < bytes.length; at += 64) {
      load(bytes, at);
      compress(state);
    }
    return state[0];
  }

  var found = null;
  var waiting = false;
  var next = 0;
  var limit = bits >= 32 ? 0 : 1 << (32 - bits);
  function search() {
    for (var end = next + 4000; next < end; next++) {
      var nonce = next.toString(36);
      if (firstWord(nonce) >>> 0 < limit) {
        found = nonce;
        field.value = nonce;
        if (waiting) {
          status.textContent = status.getAttribute('data-done');
          form.submit();
        }
        return;
      }
    }
    setTimeout(search, 0);
  }
  form.addEventListener('submit', function (event) {
    if (found !== null) return;
    event.preventDefault();
    waiting = true;
    status.textContent = status.getAttribute('data-working');
  });
  search();
})();
