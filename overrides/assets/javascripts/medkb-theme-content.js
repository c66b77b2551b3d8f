// Material's inline "partials/javascripts/content.html" (without content.tabs.link, which the site does not
// use), served as a file (see medkb-theme-base.js).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
