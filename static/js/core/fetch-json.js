// fetch() for the app's JSON endpoints: sends JSON or form data with the CSRF token, reads
// JSON back, and turns an error answer ({error, message, status}) into a thrown RequestError.

/** A request that did not give the JSON asked for. */
export class RequestError extends Error {
  /**
   * `status` is the HTTP status, 0 when the server could not be reached; `code` is the
   * server's `error` name when it answered with one (its `message` is then this message).
   */
  constructor(message, status, code = null) {
    super(message);
    this.name = "RequestError";
    this.status = status;
    this.code = code;
  }

  /** The server could not be reached. */
  get offline() {
    return this.status === 0;
  }
}

/** The page's CSRF token: base.html renders it once, in <meta name="csrf-token">. */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function formData(fields) {
  if (fields instanceof FormData) return fields;
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/**
 * Ask `url` for JSON and return it parsed.
 *
 * Options: `method` (GET), `params` (added to the query string), `json` (a value sent as
 * JSON) or `form` (a FormData or a plain object sent as form data), `keepalive` (the request
 * outlives the page). Every request other than GET carries the CSRF token in `X-CSRFToken`.
 * Throws a RequestError when the server cannot be reached, answers an error, redirects (to
 * the login page: the session has ended) or answers something other than JSON.
 */
export async function fetchJson(url, { method = "GET", params, json, form, keepalive } = {}) {
  const target = new URL(url, document.baseURI);
  for (const [name, value] of Object.entries(params || {})) {
    target.searchParams.set(name, String(value));
  }
  const headers = { Accept: "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = formData(form);
  }
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();

  let response;
  try {
    response = await fetch(target, {
      method,
      headers,
      body,
      keepalive: Boolean(keepalive),
      credentials: "same-origin",
    });
  } catch (error) {
    throw new RequestError(error.message, 0);
  }
  if (response.redirected) throw new RequestError("redirected", 401);
  let data = null;
  try {
    data = await response.json();
  } catch {
    // not JSON (a proxy's error page): said below by status
  }
  if (!response.ok || data === null) {
    const answered = data && typeof data.message === "string";
    throw new RequestError(
      answered ? data.message : `HTTP ${response.status}`,
      response.status,
      answered ? String(data.error || "error") : null
    );
  }
  return data;
}
