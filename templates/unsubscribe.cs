<?cs include:"header.cs" ?>
<?cs # unsubscribe.cs: asks before acting (a link never acts by itself). ?>
<section class="panel narrow">
<?cs if:Unsub.done ?>
<h1>Done</h1>
<p id="unsub-done"><?cs var:Unsub.addr ?> will get no more mail from <?cs var:Unsub.owner ?> through <?cs var:Site.Name ?>.</p>
<?cs else ?>
<h1>Stop mail from <?cs var:Unsub.owner ?>?</h1>
<p><?cs var:Unsub.addr ?> will get no more cards from <?cs var:Unsub.owner ?> through <?cs var:Site.Name ?>.</p>
<form method="post" action="/unsubscribe/<?cs var:Unsub.token ?>">
<?cs call:csrf() ?>
<button type="submit">Stop mail</button>
</form>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
