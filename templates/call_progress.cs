<?cs include:"macros.cs" ?><?cs include:"card_face.cs" ?><!doctype html>
<?cs # call_progress.cs: one call as it happens. static/js/call-progress.js
       polls /call/status/<token> about once a second and updates the parts
       marked data-call-*; without script the page reloads itself. ?>
<html lang="<?cs alt:Page.Lang ?>en<?cs /alt ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<?cs if:!Call.ended ?><noscript><meta http-equiv="refresh" content="<?cs var:Call.refresh ?>"></noscript><?cs /if ?>
<title><?cs var:Page.Title ?> · <?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/css/site.css">
<script src="/static/js/call-progress.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="/"><span class="logo" aria-hidden="true">☎</span> <?cs var:Site.Name ?></a></header>
<main>
<section class="call-page">
<?cs if:Card.name ?><div class="call-card"><?cs call:card_face(Card, 0) ?></div><?cs /if ?>
<div class="panel call-progress state-<?cs var:Call.state ?>" id="call" data-token="<?cs var:Call.token ?>"
  data-state="<?cs var:Call.state ?>" data-cause="<?cs var:Call.cause ?>">
<h1>Your call<?cs if:Card.name ?> to <?cs var:Card.name ?><?cs /if ?></h1>
<ol class="call-steps" aria-hidden="true">
  <li data-step="owner">Owner</li><li data-step="accept">Accepted</li><li data-step="you">You</li><li data-step="talk">Talking</li>
</ol>
<p class="call-words" id="call-words" role="status" aria-live="polite"><?cs var:Call.words ?></p>
<?cs if:Sched.error && !Call.owner_unavailable ?><p class="error" role="alert"><?cs var:Sched.error ?></p><?cs /if ?>
<p class="call-timer" id="call-timer"<?cs if:Call.state != "connected" && !Call.ended ?> hidden<?cs /if ?>><?cs if:Call.ended ?>Duration <?cs /if ?><span id="call-duration"><?cs var:Call.duration ?></span></p>
<p class="call-cost" id="call-cost"<?cs if:!Call.cost ?> hidden<?cs /if ?>>Cost to you: <span id="call-cost-value"><?cs var:Call.cost ?></span></p>
<p class="call-to"><?cs if:Call.mode == "pc" ?>Your softphone<?cs else ?>Your phone<?cs /if ?>: <?cs var:Call.masked ?></p>
<div id="call-unavailable"<?cs if:!Call.owner_unavailable ?> hidden<?cs /if ?> class="call-unavailable">
  <p><?cs var:Card.name ?> cannot take your call right now. Please try again later, or reach them another way shown on the card.</p>
  <?cs if:Call.message == "sent" ?><p class="notice">Your message was left for <?cs var:Card.name ?>.</p>
  <?cs elif:Call.message == "already" ?><p class="notice">You have already left a message for this call.</p>
  <?cs else ?>
  <?cs if:Call.message == "refused" ?><p class="error">The message could not be left; write a few words (plain text).</p><?cs /if ?>
  <form method="post" action="/call/message/<?cs var:Call.token ?>" class="call-message">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-message">Leave a message for <?cs var:Card.name ?></label>
    <textarea id="f-message" name="message" rows="3" maxlength="1000" required></textarea>
    <small class="hint">Say who you are and how to reach you; they see it with their calls.</small></div>
    <button class="button" type="submit">Leave the message</button>
  </form>
  <?cs /if ?>
  <?cs if:Sched.error ?><p class="error" role="alert"><?cs var:Sched.error ?></p><?cs /if ?>
  <?cs if:Call.rescheduled ?><p class="notice">You scheduled a call from this page; follow it on its own page.</p>
  <?cs else ?>
  <form method="post" action="/call/schedule/<?cs var:Call.token ?>" class="call-schedule" id="call-schedule">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-when">Or schedule the call for later (time in UTC)</label>
    <input id="f-when" name="when" type="datetime-local" required value="<?cs var:Sched.value ?>"
      min="<?cs var:Sched.min ?>" max="<?cs var:Sched.max ?>">
    <small class="hint">Times are in UTC (Coordinated Universal Time); it is now <?cs var:Sched.now ?>.
    Pick a time from <?cs var:Sched.min_words ?> to <?cs var:Sched.max_words ?> from now. We call
    <?cs var:Card.name ?> then, and then you, and check again then that the call can be paid for.</small></div>
    <div class="field"><label for="f-sched-email">Your e-mail (optional)</label>
    <input id="f-sched-email" name="email" type="email" autocomplete="email" value="<?cs var:Sched.email ?>">
    <small class="hint">Only used to tell you if the call cannot be placed then.</small></div>
    <button class="button" type="submit">Schedule the call</button>
  </form>
  <?cs /if ?>
</div>
<form method="post" action="/call/cancel/<?cs var:Call.token ?>" id="call-cancel"<?cs if:!Call.cancellable ?> hidden<?cs /if ?>>
  <?cs call:csrf() ?>
  <button class="button ghost" type="submit">Cancel the call</button>
</form>
</div>
</section>
</main>
<footer class="bottom"><p><?cs var:Site.Name ?> — web business cards with call buttons.</p></footer>
</body>
</html>
