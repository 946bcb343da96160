<?cs include:"macros.cs" ?><!doctype html>
<html lang="<?cs alt:Page.Lang ?>en<?cs /alt ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">☎</span> <?cs var:Site.Name ?></a>
  <nav>
  <?cs if:Member.id ?>
    <a href="/cards">My cards</a>
    <a href="/make">Make a card</a>
    <a href="/balance">Balance</a>
    <a href="/account"><?cs var:Member.name ?></a>
    <form method="post" action="/logout" class="inline"><?cs call:csrf() ?><button class="link" type="submit">Log out</button></form>
  <?cs else ?>
    <a href="/login">Log in</a>
    <a class="button small" href="/signup">Sign up</a>
  <?cs /if ?>
  </nav>
</header>
<main>
