import { startSimulator } from "../packages/simulator/src/server.js";
const t0 = performance.now();
const sim = await startSimulator({ adminToken: "readme-admin-token-0123456789" });
console.log("started", (performance.now()-t0).toFixed(0));
sim.runtime.population.residentAt(0);
console.log("warmed", (performance.now()-t0).toFixed(0));
const body = JSON.stringify({nik:"3319041307949001",user_id:"dinsos3204.operator",password:"ioFdmiOsrMAV3aZL",ip_user:"10.32.4.15"});
for (let i=0;i<3;i++){
const t1 = performance.now();
const ac = new AbortController(); const timer = setTimeout(()=>ac.abort(), 8000);
try {
const r = await fetch(sim.url + "/dukcapil/get_json/DINSOS_3204/CALL_NIK", {method:"POST", headers:{"content-type":"application/json"}, body, signal: ac.signal});
console.log(i, r.status, (await r.text()).slice(0,60), (performance.now()-t1).toFixed(0));
} catch (e) { console.log(i, "ERR", String(e), (performance.now()-t1).toFixed(0)); }
clearTimeout(timer);
}
await sim.close();
