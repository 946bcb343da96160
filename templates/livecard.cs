<?cs include:"card_face.cs" ?><!doctype html>
<?cs # livecard.cs: the public card at /c/<token>. The same page for every
       visitor (nginx caches it for a second): nothing about the visitor on it. ?>
<html lang="<?cs var:Card.L.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title><?cs var:Card.name ?><?cs if:Card.show_company == "1" && Card.company ?> · <?cs var:Card.company ?><?cs /if ?></title>
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body class="live">
<main class="live-main">
<?cs call:card_face(Card, 1) ?>
<section class="live-extras">
  <a class="button ghost" href="/c/<?cs var:Card.token ?>/vcard" download="card.vcf"><?cs var:Card.L.save_contact ?></a>
  <figure class="qr">
    <img src="/c/<?cs var:Card.token ?>/qr.png" alt="QR" width="148" height="148">
    <figcaption><?cs var:Card.L.qr ?></figcaption>
  </figure>
</section>
</main>
<footer class="bottom"><p><a href="/"><?cs var:Site.Name ?></a></p></footer>
</body>
</html>
