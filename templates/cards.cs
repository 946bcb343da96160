<?cs include:"header.cs" ?><?cs include:"card_face.cs" ?>
<?cs if:Welcome ?><p class="notice">Welcome, <?cs var:Member.name ?>! Your account is ready.</p><?cs /if ?>
<?cs if:Done == "made" ?><p class="notice">Your card is ready. Its link is below: send it to anyone.</p>
<?cs elif:Done == "saved" ?><p class="notice">Design complete. Your card is updated everywhere it was sent.</p>
<?cs elif:Done == "deleted" ?><p class="notice">The card is deleted.</p>
<?cs elif:Done == "default" ?><p class="notice">Your default card is set.</p><?cs /if ?>
<div class="title-row"><h1>My cards</h1><span><?cs if:subcount(Cards) > 0 ?><a class="button ghost" href="/send">Send a card</a> <?cs /if ?><a class="button" href="/make">Make a card</a></span></div>
<?cs if:subcount(Cards) > 0 ?>
<ul class="card-list">
<?cs each:c = Cards ?>
  <li class="card-item" id="card-<?cs var:c.id ?>">
    <a class="thumb" href="<?cs if:c.state == "live" ?>/c/<?cs var:c.token ?><?cs else ?>/make/design?id=<?cs var:c.id ?><?cs /if ?>" aria-label="Open <?cs var:c.name ?>"><?cs call:card_face(c, 0) ?></a>
    <div class="card-meta">
      <p><strong><?cs var:c.name ?></strong><?cs if:c.default ?> <span class="tag">Default</span><?cs /if ?><?cs if:c.state != "live" ?> <span class="tag draft">Draft</span><?cs /if ?></p>
      <?cs if:c.state == "live" ?><p class="link"><a href="/c/<?cs var:c.token ?>"><?cs var:c.url ?></a></p><?cs /if ?>
      <div class="actions">
        <?cs if:c.state == "live" ?><a class="button small" href="/c/<?cs var:c.token ?>">Open</a><?cs /if ?>
        <?cs if:c.state == "live" ?><a class="button small" href="/send?id=<?cs var:c.id ?>">Send</a><?cs /if ?>
        <a class="button small ghost" href="/make/editor?id=<?cs var:c.id ?>">Edit</a>
        <?cs if:!c.default ?><form method="post" action="/cards/default" class="inline"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:c.id ?>"><button class="small ghost" type="submit">Set default</button></form><?cs /if ?>
        <form method="post" action="/cards/delete" class="inline" data-confirm="Delete this card? Its link will stop working."><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:c.id ?>"><button class="small danger" type="submit">Delete</button></form>
      </div>
    </div>
  </li>
<?cs /each ?>
</ul>
<?cs else ?>
<section class="empty">
  <p>You have no cards yet.</p>
  <p><a class="button" href="/make">Make your first card</a></p>
</section>
<?cs /if ?>
<script src="/static/js/confirm.js" defer></script>
<?cs include:"footer.cs" ?>
