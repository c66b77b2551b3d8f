// Material's inline "partials/javascripts/base.html", served as a file so the Content-Security-Policy
// needs no inline script (medkb/render/csp.py). The scope is the site's root: two folders above this file,
// which is what Material computes from the page's base_url.
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
