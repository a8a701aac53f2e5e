// Passkeys (WebAuthn) on Pledge's own pages, same origin only. A button with data-passkey="create" or "get"
// runs the browser's ceremony with the options in its data-options attribute, or fetched by POST from its
// data-options-url (with the page's CSRF token), puts the browser's answer into the hidden "credential" field of
// the form named by data-form and submits that form: the server verifies everything; this file only carries bytes.
(function () {
  'use strict';

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return window.btoa(binary).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function descriptors(list) {
    return (list || []).map(function (descriptor) {
      var copy = Object.assign({}, descriptor);
      copy.id = toBytes(descriptor.id);
      return copy;
    });
  }

  function creationOptions(options) {
    var publicKey = Object.assign({}, options);
    publicKey.challenge = toBytes(options.challenge);
    publicKey.user = Object.assign({}, options.user, { id: toBytes(options.user.id) });
    publicKey.excludeCredentials = descriptors(options.excludeCredentials);
    return publicKey;
  }

  function requestOptions(options) {
    var publicKey = Object.assign({}, options);
    publicKey.challenge = toBytes(options.challenge);
    publicKey.allowCredentials = descriptors(options.allowCredentials);
    return publicKey;
  }

  function created(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toBase64url(response.attestationObject),
        clientDataJSON: toBase64url(response.clientDataJSON),
        transports: response.getTransports ? response.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    };
  }

  function asserted(credential) {
    var response = credential.response;
    var answer = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toBase64url(response.authenticatorData),
        clientDataJSON: toBase64url(response.clientDataJSON),
        signature: toBase64url(response.signature)
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    };
    if (response.userHandle) {
      answer.response.userHandle = toBase64url(response.userHandle);
    }
    return answer;
  }

  function csrf() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function options(button) {
    if (button.dataset.options) {
      return Promise.resolve(JSON.parse(button.dataset.options));
    }
    return fetch(button.dataset.optionsUrl, {
      method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-TOKEN': csrf(), 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('Pledge did not answer (' + response.status + '). Please reload the page and try again.');
      }
      return response.json();
    });
  }

  function show(button, message) {
    var place = document.getElementById(button.dataset.message || 'passkey-message');
    if (place) {
      place.textContent = message;
      place.hidden = false;
    }
  }

  function run(button) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      show(button, 'This browser cannot use passkeys.');
      return;
    }
    var create = button.dataset.passkey === 'create';
    button.disabled = true;
    options(button).then(function (opts) {
      return create ? navigator.credentials.create({ publicKey: creationOptions(opts) })
        : navigator.credentials.get({ publicKey: requestOptions(opts) });
    }).then(function (credential) {
      var form = document.getElementById(button.dataset.form);
      form.querySelector('input[name="credential"]').value = JSON.stringify(create ? created(credential)
        : asserted(credential));
      form.submit();
    }).catch(function (error) {
      button.disabled = false;
      show(button, error && error.name === 'NotAllowedError'
        ? 'The passkey was not used (cancelled, or it took too long). You can try again.'
        : (error && error.message) || 'The passkey could not be used.');
    });
  }

  document.querySelectorAll('button[data-passkey]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function (event) {
      event.preventDefault();
      run(button);
    });
  });
}());
