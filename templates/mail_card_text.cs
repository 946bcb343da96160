<?cs # mail_card_text.cs: the text/plain part of a card mail. It is plain
       text, never read as HTML, so every value is written raw with uvar:
       (HTML escaping would show "&amp;" to the reader). Nothing here can
       reach a mail header: mail_compose() encodes the body as a part. ?><?cs if:Issued ?>Hello <?cs uvar:Owner.name ?>, your card is live. This is what your recipients receive.
<?cs elif:Message ?><?cs uvar:Message ?>
<?cs /if ?>
<?cs uvar:Card.name ?><?cs if:Card.show_title == "1" && Card.title ?>, <?cs uvar:Card.title ?><?cs /if ?><?cs if:Card.show_company == "1" && Card.company ?>
<?cs uvar:Card.company ?><?cs /if ?>

The card: <?cs uvar:Card.url ?>
<?cs each:row = Card.Numbers ?>
<?cs uvar:Card.L[row.kind] ?>: <?cs uvar:row.text ?><?cs each:i = row.Buttons ?><?cs with:b = Card.Buttons[i] ?>
  <?cs if:b.mode == "pc" ?><?cs uvar:Card.L.call_pc ?><?cs else ?><?cs uvar:Card.L.call_phone ?><?cs /if ?> (<?cs uvar:Card.L['payer_' + b.payer] ?>): <?cs uvar:Site.BaseURL ?>/call/<?cs uvar:b.id ?><?cs /with ?><?cs /each ?>
<?cs /each ?><?cs if:Card.show_email == "1" && Card.email ?>
<?cs uvar:Card.L.email ?>: <?cs uvar:Card.email ?><?cs /if ?><?cs if:Card.show_web == "1" && Card.web ?>
<?cs uvar:Card.L.web ?>: <?cs uvar:Card.web ?><?cs /if ?><?cs if:Card.show_address == "1" && Card.address ?>
<?cs uvar:Card.L.address ?>: <?cs uvar:Card.address ?><?cs /if ?>

A call link opens a page where you start the call; nothing rings before you confirm.
-- 
Sent by <?cs uvar:Owner.name ?> with <?cs uvar:Site.Name ?>.<?cs if:Unsubscribe ?>
No more mail from <?cs uvar:Owner.name ?>: <?cs uvar:Unsubscribe ?><?cs /if ?>
