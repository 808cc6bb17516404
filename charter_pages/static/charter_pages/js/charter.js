// Progressive enhancement: the "Print or save as PDF" link opens the printable version without JavaScript;
// with JavaScript it opens the browser's print dialog directly (the print stylesheet lays the contract out).
document.addEventListener("click", (event) => {
    const link = event.target.closest("a.js-print");
    if (link && typeof window.print === "function") {
        event.preventDefault();
        window.print();
    }
});
