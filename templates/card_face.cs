<?cs # card_face.cs: a business card drawn from its data (see lib/card.h).
       Every value is escaped (Config.VarEscapeMode = html); colours, fonts,
       layouts and patterns were checked against designs.hdf on input.
       call:card_face(c, live): live = 1 makes the call buttons links to
       each button's call page; 0 draws them inert and keeps empty text
       boxes (hidden) for the design step's preview. ?>
<?cs def:card_flags(c) ?><?cs if:c.bold == "1" ?> is-bold<?cs /if ?><?cs if:c.italic == "1" ?> is-italic<?cs /if ?><?cs if:c.underline == "1" ?> is-underline<?cs /if ?><?cs /def ?>
<?cs def:card_face(c, live) ?>
<article class="bizcard lay-<?cs var:c.layout ?> pat-<?cs var:c.pattern ?> size-<?cs var:c.size ?> align-<?cs var:c.align ?><?cs call:card_flags(c) ?><?cs if:c.bgimage ?> has-bgimage<?cs /if ?>"
  lang="<?cs var:c.L.Lang ?>"
  style="--bg:<?cs var:c.bg ?>;--fg:<?cs var:c.color ?>;--accent:<?cs var:c.accent ?>;font-family:<?cs var:c.fontstack ?><?cs if:c.bgimage ?>;background-image:url(/uploads/<?cs var:c.bgimage ?>)<?cs /if ?>">
  <header class="bc-head">
    <?cs if:c.show_logo == "1" && c.logo ?><img class="bc-logo" src="/uploads/<?cs var:c.logo ?>" alt="<?cs var:c.company ?>"><?cs /if ?>
    <div class="bc-who">
      <p class="bc-name"><?cs var:c.name ?></p>
      <?cs if:(c.show_title == "1" && c.title) || (c.show_dept == "1" && c.dept) ?>
      <p class="bc-role"><?cs if:c.show_title == "1" ?><?cs var:c.title ?><?cs /if ?><?cs if:c.show_title == "1" && c.title && c.show_dept == "1" && c.dept ?> · <?cs /if ?><?cs if:c.show_dept == "1" ?><?cs var:c.dept ?><?cs /if ?></p>
      <?cs /if ?>
      <?cs if:c.show_company == "1" && c.company ?><p class="bc-company"><?cs var:c.company ?></p><?cs /if ?>
    </div>
  </header>
  <div class="bc-body">
    <ul class="bc-calls">
    <?cs each:row = c.Numbers ?>
      <li>
        <span class="bc-label"><?cs var:c.L[row.kind] ?></span>
        <span class="bc-number"><?cs var:row.text ?></span>
        <span class="bc-buttons">
        <?cs each:i = row.Buttons ?><?cs with:b = c.Buttons[i] ?>
        <?cs if:live ?><a class="callbtn cb-<?cs var:b.style ?>" href="/call/<?cs var:b.id ?>"<?cs else ?><span class="callbtn cb-<?cs var:b.style ?>"<?cs /if ?> title="<?cs var:c.L['payer_' + b.payer] ?>">
          <img src="/static/buttons/<?cs var:b.style ?>.svg" alt="" width="20" height="20"><?cs if:b.mode == "pc" ?><?cs var:c.L.call_pc ?><?cs else ?><?cs var:c.L.call_phone ?><?cs /if ?>
          <small><?cs var:c.L['payer_' + b.payer] ?></small>
        <?cs if:live ?></a><?cs else ?></span><?cs /if ?>
        <?cs /with ?><?cs /each ?>
        </span>
      </li>
    <?cs /each ?>
    </ul>
    <?cs if:(c.show_fax == "1" && c.fax) || (c.show_email == "1" && c.email) || (c.show_web == "1" && c.web) || (c.show_address == "1" && c.address) ?>
    <dl class="bc-details">
      <?cs if:c.show_fax == "1" && c.fax ?><div><dt><?cs var:c.L.fax ?></dt><dd><?cs alt:c.fax_text ?><?cs var:c.fax ?><?cs /alt ?></dd></div><?cs /if ?>
      <?cs if:c.show_email == "1" && c.email ?><div><dt><?cs var:c.L.email ?></dt><dd><?cs if:c.links == "1" && live ?><a href="mailto:<?cs var:c.email ?>"><?cs var:c.email ?></a><?cs else ?><?cs var:c.email ?><?cs /if ?></dd></div><?cs /if ?>
      <?cs if:c.show_web == "1" && c.web ?><div><dt><?cs var:c.L.web ?></dt><dd><?cs if:c.links == "1" && live ?><a href="<?cs var:c.web ?>" rel="noopener nofollow"><?cs var:c.web ?></a><?cs else ?><?cs var:c.web ?><?cs /if ?></dd></div><?cs /if ?>
      <?cs if:c.show_address == "1" && c.address ?><div><dt><?cs var:c.L.address ?></dt><dd><?cs if:c.postcode ?>(<?cs var:c.postcode ?>) <?cs /if ?><?cs var:c.address ?></dd></div><?cs /if ?>
    </dl>
    <?cs /if ?>
    <?cs if:c.text1 || !live ?><p class="bc-text bc-text1"<?cs if:!c.text1 ?> hidden<?cs /if ?>><?cs var:c.text1 ?></p><?cs /if ?>
    <?cs if:c.image1 || c.image2 ?><div class="bc-images"><?cs if:c.image1 ?><img src="/uploads/<?cs var:c.image1 ?>" alt=""><?cs /if ?><?cs if:c.image2 ?><img src="/uploads/<?cs var:c.image2 ?>" alt=""><?cs /if ?></div><?cs /if ?>
    <?cs if:c.text2 || !live ?><p class="bc-text bc-text2"<?cs if:!c.text2 ?> hidden<?cs /if ?>><?cs var:c.text2 ?></p><?cs /if ?>
  </div>
</article>
<?cs /def ?>
