<?php
$data = $_GET["data"];
// ruleid: php-unserialize
$object = unserialize($data);

// ok: php-unserialize
$object2 = unserialize('O:1:"a":1:{s:5:"value";s:3:"100";}');

// ruleid: php-unserialize
$import_options = maybe_unserialize($import->options);

// ok: php-unserialize
$prefs = unserialize($_COOKIE['prefs'], ['allowed_classes' => false]);

// ruleid: php-unserialize
$rows = unserialize(base64_decode($_POST['rows']), []);
