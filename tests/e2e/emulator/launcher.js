'use strict';
// Bot API emulator for end-to-end tests: telegram-test-api 4.2.1 patched for python-telegram-bot 22 by
// wrapping its server instance, static formatUpdate and express app (node_modules is not edited).
// Why each patch: /work/shared/notes/telegram-test-api.md. `node launcher.js [port]` (or PORT; 0 = any free
// port) prints "READY <port>". Bot: /bot<token>/<method>. Users: see ../emulator_client.py.
const TelegramServer = require('telegram-test-api');
// Use the express copy that telegram-test-api itself depends on (we do not add a dependency of our own).
const express = require(require.resolve('express', { paths: [require.resolve('telegram-test-api')] }));

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
// Records (read or not) are purged after storeTimeout and every lookup scans all of them: keep it short.
const storeTimeout = Number(process.env.STORE_TIMEOUT || 30);
const server = new TelegramServer({ host: '127.0.0.1', storeTimeout });
server.config.port = port; // its normalizeConfig turns 0 into 9000; here 0 means "any free port"
server.setMaxListeners(0); // each waiting getUpdates adds listeners

const sec = (t) => (t > 1e11 ? Math.floor(t / 1000) : t); // the package stamps Date.now() (ms)
const botUser = (token) => ({ id: Number(String(token).split(':')[0]) || 666, is_bot: true, // as on Telegram
  first_name: process.env.BOT_FIRST_NAME || 'Arrival Desk (test)',
  username: process.env.BOT_USERNAME || 'arrival_desk_test_bot' });
const chatOf = (id) => ({ id: Number(id), type: Number(id) < 0 ? 'supergroup' : 'private' });
const findBotMessage = (chatId, messageId) => server.storage.botMessages.find(
  (r) => String(r.messageId) === String(messageId) && String(r.message.chat_id) === String(chatId));
// A stored bot message as the Bot API Message object PTB expects (message_id, date in s, chat, from).
function toMessage({ message: m, messageId, time, botToken }) {
  const out = { message_id: messageId, date: sec(time), chat: chatOf(m.chat_id), from: botUser(botToken) };
  for (const k of ['text', 'entities', 'caption', 'caption_entities', 'document', 'edit_date']) out[k] = m[k];
  return m.reply_markup?.inline_keyboard ? { ...out, reply_markup: m.reply_markup } : out; // as Telegram
}
// PTB sends form fields (objects as JSON strings), or multipart/form-data when it uploads a file.
const JSON_FIELDS = ['reply_markup', 'entities', 'caption_entities', 'commands', 'scope', 'menu_button',
  'allowed_updates'];
function params(req) {
  const p = { ...req.query, ...(Buffer.isBuffer(req.body) ? parseMultipart(req) : req.body) };
  for (const k of JSON_FIELDS) if (typeof p[k] === 'string') p[k] = JSON.parse(p[k]);
  return p;
}
function parseMultipart(req) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] || '');
  const out = {}; // latin1 keeps one char per byte, so binary file parts survive the string split
  for (const part of m ? req.body.toString('latin1').split(`--${m[1] || m[2]}`) : []) {
    const sep = part.indexOf('\r\n\r\n');
    const [head, data] = [part.slice(0, sep), part.slice(sep + 4, -2)];
    const [name, file] = [/[; ]name="([^"]*)"/.exec(head), /filename="([^"]*)"/.exec(head)];
    if (!name) continue;
    out[name[1]] = file ? { file_name: Buffer.from(file[1], 'latin1').toString(), file_size: data.length }
      : Buffer.from(data, 'latin1').toString();
  }
  return out;
}
const ok = (res, result) => res.json({ ok: true, result });
const fail = (res, code, description) => res.status(code).json({ ok: false, error_code: code, description });

// Patch 1: sendMessage's result has `date` in ms (PTB: "year is out of range") and a made-up chat.
const addBotMessage = server.addBotMessage.bind(server);
server.addBotMessage = (raw, token) => {
  addBotMessage(raw, token);
  return toMessage(server.storage.botMessages.at(-1));
};

// Patch 2: callback_query updates keep only id/from/message/data, and the client's message has no
// message_id/date; PTB drops such updates. Add chat_instance and the real stored bot message.
const formatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = (update) => {
  const out = formatUpdate(update);
  if (out.message) delete out.message.botToken; // the simulated user's request field, not Bot API
  if (out.callback_query) {
    const q = out.callback_query, given = q.message || {}, chatId = given.chat?.id || q.from.id;
    const rec = findBotMessage(chatId, given.message_id);
    q.chat_instance = String(chatId);
    q.message = rec ? toMessage(rec) : { message_id: 0, date: 0, chat: chatOf(chatId), ...given };
  }
  return out;
};

// Our routes run first; whatever they do not handle falls through to the package's own app.
const app = express();
app.use(express.json({ limit: '10mb' }), express.urlencoded({ extended: true, limit: '10mb' }),
  express.raw({ type: 'multipart/form-data', limit: '50mb' }));
const bot = (method, handler) => app.all(`/bot:token/${method}`,
  (req, res) => handler(params(req), req.params.token, res));

// Patch 3: getMe lacks is_bot (and PTB wants first_name/username), so Application.initialize() fails.
bot('getMe', (p, token, res) => ok(res, botUser(token)));

// Patch 4: getUpdates ignores `offset` (an update fetched by a request PTB then abandons is lost) and
// never waits (PTB busy-loops). Honour offset as Telegram does; hold an empty answer min(timeout, 1 s).
const confirmed = {}; // token -> lowest update_id not yet confirmed
function pendingUpdates(token, p) {
  if (Number(p.offset) > 0) confirmed[token] = Math.max(confirmed[token] || 0, Number(p.offset));
  const from = confirmed[token] || 0;
  return server.storage.userMessages.filter((u) => u.botToken === token && u.updateId >= from)
    .slice(0, Number(p.limit) || 100).map((u) => TelegramServer.formatUpdate(u));
}
const USER_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];
const nextUserUpdate = (ms) => new Promise((resolve) => { // whichever comes first: a user update or ms
  const done = () => { clearTimeout(timer); USER_EVENTS.forEach((e) => server.off(e, done)); resolve(); };
  const timer = setTimeout(done, ms);
  USER_EVENTS.forEach((e) => server.on(e, done));
});
bot('getUpdates', async (p, token, res) => {
  const deadline = Date.now() + 1000 * Math.min(Number(p.timeout) || 0, 1);
  let result = pendingUpdates(token, p);
  while (!result.length && Date.now() < deadline) {
    await nextUserUpdate(deadline - Date.now());
    result = pendingUpdates(token, p);
  }
  ok(res, result);
});
bot('deleteWebhook', (p, token, res) => { // PTB calls it before polling; honour drop_pending_updates
  if (String(p.drop_pending_updates) === 'true') confirmed[token] = server.updateId;
  server.deleteWebhook(token);
  ok(res, true);
});

// Patch 5: edits answer result:null (PTB raises) and merge the old keyboard in. Telegram returns the
// edited Message (true for inline messages), removes the inline keyboard when an edit omits
// reply_markup, and refuses an edit that changes nothing with 400 "message is not modified".
const NOT_MODIFIED = 'Bad Request: message is not modified: specified new message content and reply markup '
  + 'are exactly the same as a current content and reply markup of the message';
const editor = (fields) => (p, token, res) => {
  if (p.inline_message_id) return ok(res, true);
  const rec = findBotMessage(p.chat_id, p.message_id);
  if (!rec || rec.botToken !== token) return fail(res, 400, 'Bad Request: message to edit not found');
  const next = { ...rec.message };
  for (const f of fields) if (p[f] === undefined) delete next[f]; else next[f] = p[f];
  const shown = (m) => JSON.stringify(['text', 'caption', 'entities', 'reply_markup'].map((k) => m[k]));
  if (shown(next) === shown(rec.message)) return fail(res, 400, NOT_MODIFIED);
  rec.message = { ...next, edit_date: sec(Date.now()) };
  return ok(res, toMessage(rec));
};
bot('editMessageText', editor(['text', 'entities', 'parse_mode', 'reply_markup']));
bot('editMessageCaption', editor(['caption', 'caption_entities', 'parse_mode', 'reply_markup']));
bot('editMessageReplyMarkup', editor(['reply_markup']));
// deleteMessage answers null and may delete a callback record sharing the message_id counter instead.
bot('deleteMessage', (p, token, res) => {
  const rec = findBotMessage(p.chat_id, p.message_id);
  if (!rec) return fail(res, 400, 'Bad Request: message to delete not found');
  server.removeBotMessage(rec.updateId);
  return ok(res, true);
});

// Patch 6: methods PTB bots commonly call: the package lacks them (HTTP 500, PTB: NetworkError) or,
// for answerCallbackQuery, answers null. Commands are kept per token, scope and language.
const commands = {};
const cmdKey = (p, token) => [token, JSON.stringify(p.scope || { type: 'default' }), p.language_code].join('|');
bot('setMyCommands', (p, token, res) => { commands[cmdKey(p, token)] = p.commands || []; ok(res, true); });
bot('deleteMyCommands', (p, token, res) => { delete commands[cmdKey(p, token)]; ok(res, true); });
bot('getMyCommands', (p, token, res) => ok(res, commands[cmdKey(p, token)] || []));
const answers = []; // answerCallbackQuery calls, so tests can check the toast/alert text
bot('answerCallbackQuery', (p, token, res) => { answers.push({ token, ...p }); ok(res, true); });
['sendChatAction', 'setChatMenuButton', 'setMyDescription', 'setMyShortDescription', 'setMyName']
  .forEach((m) => bot(m, (p, token, res) => ok(res, true)));
// sendDocument: stored like sendMessage, so it shows in the chat history with its caption.
bot('sendDocument', (p, token, res) => {
  const file = typeof p.document === 'object' ? p.document : { file_name: String(p.document || '') };
  const ids = { file_id: `emu-document-${server.messageId}`, file_unique_id: `emu${server.messageId}` };
  ok(res, server.addBotMessage({ ...p, document: { ...ids, ...file } }, token));
});

// Patch 7: webhook mode. setWebhook answers result:null (Telegram: true), getWebhookInfo is missing, and
// the package's webhook POST sends no X-Telegram-Bot-Api-Secret-Token (a bot that checks it answers 403)
// and throws when the bot refuses it. Keep url, secret and allowed_updates in the package's webhooks map
// (deleteWebhook clears it), answer getWebhookInfo as Telegram does, post updates with the secret header.
bot('setWebhook', (p, token, res) => {
  const { url, secret_token, allowed_updates } = p;
  if (secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret_token)) {
    return fail(res, 400, 'Bad Request: secret token contains unallowed characters');
  }
  if (url) server.setWebhook({ url, secret_token, allowed_updates }, token);
  else server.deleteWebhook(token); // Telegram: an empty url removes the webhook
  return ok(res, true);
});
bot('getWebhookInfo', (p, token, res) => {
  const { url = '', allowed_updates } = server.webhooks[token] || {};
  ok(res, { url, has_custom_certificate: false, pending_update_count: 0, allowed_updates });
});
const lastDelivered = {}; // token -> the JSON body of the last update posted to its webhook
async function postToWebhook(token, body) { // resolves to the bot's HTTP status; rejects if unreachable
  const { url, secret_token } = server.webhooks[token];
  const headers = { 'Content-Type': 'application/json' };
  if (secret_token) headers['X-Telegram-Bot-Api-Secret-Token'] = secret_token;
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer(); // read to the end, so the connection can be reused
  return response.status;
}
// The package bumps updateId, messageId and callbackId only after the POST, so a concurrent update, or
// the message the bot sends while handling this one, would get the same ids: take them before it (the
// package's own later bump leaves a gap, as Telegram's ids may have). A refused or failed POST is one
// line on stderr, not a crash (Telegram would retry it later; /redeliverLastUpdate does that on demand).
server.addUserUpdate = async (update) => {
  const token = update.botToken;
  if (!token) throw new Error('The message must be of type object and must contain `botToken` field.');
  server.updateId++;
  if (!server.webhooks[token]) {
    server.storage.userMessages.push(update); // for getUpdates, as before
    return;
  }
  if ('callbackQuery' in update) server.callbackId++; else server.messageId++;
  const body = JSON.stringify(TelegramServer.formatUpdate(update));
  lastDelivered[token] = body;
  const what = `emulator: webhook POST of update ${update.updateId}`;
  try {
    const status = await postToWebhook(token, body);
    if (status >= 300) console.error(`${what} answered HTTP ${status}`);
  } catch (err) {
    console.error(`${what} failed: ${err.cause?.message ?? err.message}`);
  }
};
// Client side addition: Telegram re-posts an update whose webhook call timed out or failed. Post the
// last delivered update again, unchanged (same update_id); the result is the bot's HTTP status.
app.post('/redeliverLastUpdate', async (req, res) => {
  const { token } = req.body;
  if (!server.webhooks[token] || !lastDelivered[token]) {
    return fail(res, 400, 'no webhook is set or no update was delivered to it yet');
  }
  try {
    return ok(res, await postToWebhook(token, lastDelivered[token]));
  } catch (err) {
    return fail(res, 502, `webhook POST failed: ${err.cause?.message ?? err.message}`);
  }
});
// Client side addition: what setWebhook registered, secret included (Telegram never shows the secret).
app.post('/getWebhook', (req, res) => ok(res, server.webhooks[req.body.token] ?? null));

// Any other method: name it (the package's bare HTTP 500 gives PTB no description to show).
// sendMessage falls through to the package.
app.all('/bot:token/:method', (req, res, next) => {
  if (req.params.method === 'sendMessage') return next();
  console.error(`emulator: Bot API method ${req.params.method} is not emulated`);
  return fail(res, 501, `Method ${req.params.method} is not emulated by tests/e2e/emulator/launcher.js`);
});
// Client side addition: what the bot answered to callback queries.
app.post('/getCallbackAnswers', (req, res) => ok(res, answers.filter((a) => a.token === req.body.token)));
app.use(server.webServer);
server.webServer = app;

// The package's client routes do not await what they start (e.g. sendCommand's assert on entities): an
// unhandled rejection would kill the process: log it instead.
process.on('unhandledRejection', (err) => console.error('emulator: unhandled rejection:', err));
const shutdown = () => { // stop() waits for open requests (a held getUpdates: at most 1 s), then exit
  setTimeout(() => process.exit(0), 3000).unref(); // but never hang on a client that keeps a socket open
  server.stop().catch(() => {}).then(() => process.exit(0));
};
['SIGTERM', 'SIGINT'].forEach((signal) => process.on(signal, shutdown));
// The Python client keeps our stdin open: if the test process dies, stdin closes and we exit too.
if (process.env.EXIT_ON_STDIN_CLOSE) process.stdin.on('end', shutdown).resume();

server.start().then(() => process.stdout.write(`READY ${server.server.address().port}\n`), (err) => {
  console.error(`emulator: cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});
